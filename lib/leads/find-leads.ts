import { and, count, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { leadSearchTerms } from "../../db/schema/lead-search.ts";
import { leadMessageTerms, leadReads, leadTasks } from "../../db/schema/lead-work.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import type { DeliveryStatus, LeadSource, LeadStatus, LeadTaskKind } from "../../db/schema/enums.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import type { InboxView } from "./inbox-href.ts";
import { prefixUpperBound, searchPrefixesOf } from "./search-prefixes.ts";

export type LeadListFilter = {
  status?: LeadStatus;
  source?: LeadSource;
  /** Exact match on the normalised (lower-cased) e-mail. */
  email?: string;
  assignedTo?: string;
  /** Leads nobody is assigned to. */
  unassigned?: boolean;
  /** Every word a prefix of a word of the name or e-mail, or a phone number (any format); see search-prefixes.ts. */
  search?: string;
  /** Created at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  /**
   * Saved views: mine = assigned to the viewer and needing action now; unassigned; waiting = the customer has waited
   * over WAITING_TOO_LONG_MINUTES for an answer, or a task is overdue; drafts = an AI draft waits for approval.
   */
  view?: InboxView;
  /** The signed-in user: "mine" and the per-user unread markers. */
  viewerId?: string;
  /** The clock for due tasks and waiting times (tests inject it). */
  now?: Date;
  /** Spam (honeypot hits) stays out of the inbox unless asked for. */
  includeSpam?: boolean;
  limit?: number;
  offset?: number;
};

/** A customer waiting this long for our answer is "waiting too long" (the rep.lead-waiting alert's threshold). */
export const WAITING_TOO_LONG_MINUTES = 30;

const openTaskWhere = (dueBefore?: Date) =>
  sql`${leadTasks.dealershipId} = ${leads.dealershipId} and ${leadTasks.leadId} = ${leads.id}
      and ${leadTasks.doneAt} is null${dueBefore ? sql` and ${leadTasks.dueAt} <= ${dueBefore.toISOString()}::timestamptz` : sql``}`;
const customerWroteLast = sql`(${leads.lastOutboundAt} is null or ${leads.lastInboundAt} > ${leads.lastOutboundAt})`;
const open = sql`${leads.status} not in ('won', 'lost')`;

/** lib/leads/next-action.ts's rule in SQL: Trenger svar, a task due now, or a call nobody has made yet. */
export function needsActionSql(now: Date): SQL {
  return sql`(${open} and (${customerWroteLast}
    or exists (select 1 from ${leadTasks} where ${openTaskWhere(now)})
    or (${leads.humanRespondedAt} is null and ${leads.phoneNormalized} is not null
        and not exists (select 1 from ${leadTasks} where ${openTaskWhere()}))))`;
}

function viewWhere(filter: LeadListFilter): SQL | undefined {
  const now = filter.now ?? new Date();
  switch (filter.view) {
    case "mine":
      return and(
        eq(leads.assignedTo, filter.viewerId ?? "00000000-0000-0000-0000-000000000000"),
        needsActionSql(now),
      );
    case "unassigned":
      return and(isNull(leads.assignedTo), sql`${open}`);
    case "waiting": {
      const since = new Date(now.getTime() - WAITING_TOO_LONG_MINUTES * 60_000);
      return sql`(${open} and ((${customerWroteLast} and ${leads.lastInboundAt} < ${since.toISOString()}::timestamptz)
        or exists (select 1 from ${leadTasks} where ${openTaskWhere(now)})))`;
    }
    case "drafts":
      return sql`exists (select 1 from ${conversations} where ${conversations.leadId} = ${leads.id}
        and ${conversations.dealershipId} = ${leads.dealershipId} and ${conversations.senderType} = 'ai'
        and ${conversations.deliveryStatus} = 'draft' and ${leads.isTest} = false)`;
    default:
      return undefined;
  }
}

function whereOf(dealershipId: string, filter: LeadListFilter): SQL | undefined {
  return and(
    viewWhere(filter),
    // Explicit tenant filter: RLS is the second lock, and this is what lets the planner use the indexes.
    eq(leads.dealershipId, dealershipId),
    filter.status ? eq(leads.status, filter.status) : undefined,
    filter.source ? eq(leads.source, filter.source) : undefined,
    filter.email ? eq(leads.emailNormalized, filter.email.trim().toLowerCase()) : undefined,
    filter.assignedTo ? eq(leads.assignedTo, filter.assignedTo) : undefined,
    filter.unassigned ? isNull(leads.assignedTo) : undefined,
    filter.includeSpam ? undefined : eq(leads.isSpam, false),
    filter.from ? gte(leads.createdAt, filter.from) : undefined,
    filter.to ? lt(leads.createdAt, filter.to) : undefined,
    filter.search ? matchSearch(dealershipId, filter.search) : undefined,
  );
}

/**
 * Each word of the search narrows the leads to those with a term starting with it: a range scan of
 * lead_search_terms_prefix_idx per word. Only `=`, `>=` and `<` on text, which are leakproof, so they stay index
 * conditions under RLS (ILIKE and pg_trgm's operators are not, and would be a filter over the tenant's leads).
 */
function matchSearch(dealershipId: string, search: string): SQL {
  const prefixes = searchPrefixesOf(search);
  if (prefixes.length === 0) return sql`false`;
  // Contact words, or words of the customer's messages (lead_message_terms, the same leakproof range design).
  return and(
    ...prefixes.map((prefix) =>
      inArray(
        leads.id,
        sql`(select ${leadSearchTerms.leadId} from ${leadSearchTerms}
              where ${leadSearchTerms.dealershipId} = ${dealershipId}
                and ${leadSearchTerms.term} >= ${prefix} and ${leadSearchTerms.term} < ${prefixUpperBound(prefix)}
             union all
             select ${leadMessageTerms.leadId} from ${leadMessageTerms}
              where ${leadMessageTerms.dealershipId} = ${dealershipId}
                and ${leadMessageTerms.term} >= ${prefix} and ${leadMessageTerms.term} < ${prefixUpperBound(prefix)})`,
      ),
    ),
  )!;
}

/** What the AI has done with a lead, for the inbox's AI column. */
export type AiState = "paused" | "draft" | "failed" | "sending" | "answered" | "none";

export function aiStateOf(aiPaused: boolean, lastAiStatus: DeliveryStatus | null): AiState {
  if (aiPaused) return "paused";
  switch (lastAiStatus) {
    case null:
    case "cancelled":
      return "none";
    case "draft":
      return "draft";
    case "failed":
    case "bounced":
    case "complained":
      return "failed";
    case "pending":
    case "queued":
    case "held":
      return "sending";
    default:
      return "answered";
  }
}

/** The inbox query: latest activity first, 25 per page. Served by the leads_activity_* indexes. */
export async function findLeads(tx: TenantTx, filter: LeadListFilter = {}) {
  return tx
    .select({
      id: leads.id,
      customerName: leads.customerName,
      customerEmail: leads.customerEmail,
      customerPhone: leads.customerPhone,
      vehicleInterest: leads.vehicleInterest,
      initialMessage: leads.initialMessage,
      source: leads.source,
      status: leads.status,
      isTest: leads.isTest,
      submissionCount: leads.submissionCount,
      assignedTo: leads.assignedTo,
      assignedToName: users.name,
      createdAt: leads.createdAt,
      aiPaused: leads.aiPaused,
      needsReview: leads.needsReview,
      firstResponseSeconds: leads.firstResponseSeconds,
      isSpam: leads.isSpam,
      duplicateOfLeadId: leads.duplicateOfLeadId,
      unsubscribedAt: leads.unsubscribedAt,
      hasPhone: sql<boolean>`${leads.phoneNormalized} is not null`,
      lastInboundAt: leads.lastInboundAt,
      lastOutboundAt: leads.lastOutboundAt,
      humanRespondedAt: leads.humanRespondedAt,
      lastActivityAt: leads.lastActivityAt,
      // The earliest open task: one probe of lead_tasks_open_idx per row on the page.
      taskKind: sql<LeadTaskKind | null>`(select ${leadTasks.kind} from ${leadTasks} where ${openTaskWhere()}
        order by ${leadTasks.dueAt} limit 1)`,
      taskDueAt: sql<Date | null>`(select ${leadTasks.dueAt} from ${leadTasks} where ${openTaskWhere()}
        order by ${leadTasks.dueAt} limit 1)`.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
      // The next automatic follow-up (issue 19): one probe of follow_ups_lead_idx per row on the page.
      followUpDueAt: sql<Date | null>`(select min(f.due_at) from follow_ups f where f.lead_id = ${leads.id}
        and f.dealership_id = ${leads.dealershipId} and f.kind = 'message'
        and f.status in ('scheduled', 'queued'))`.mapWith((v: string | Date | null) =>
        v ? new Date(v) : null,
      ),
      // Unread for this viewer: something happened after they last opened it (or they never did).
      unread: filter.viewerId
        ? sql<boolean>`coalesce((select ${leadReads.readAt} from ${leadReads}
            where ${leadReads.userId} = ${filter.viewerId} and ${leadReads.leadId} = ${leads.id}
              and ${leadReads.dealershipId} = ${leads.dealershipId}) < ${leads.lastActivityAt}, true)`
        : sql<boolean>`false`,
      // The AI's latest message: one probe of conversations_lead_idx per row on the page.
      lastAiStatus: sql<DeliveryStatus | null>`(select ${conversations.deliveryStatus} from ${conversations}
        where ${conversations.leadId} = ${leads.id} and ${conversations.senderType} = 'ai'
        order by ${conversations.createdAt} desc limit 1)`,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(whereOf(tx.dealershipId, filter))
    .orderBy(desc(leads.lastActivityAt), desc(leads.id))
    .limit(Math.min(filter.limit ?? 25, 100))
    .offset(filter.offset ?? 0);
}

export type LeadListItem = Awaited<ReturnType<typeof findLeads>>[number];

export async function countLeads(tx: TenantTx, filter: LeadListFilter = {}): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(leads).where(whereOf(tx.dealershipId, filter));
  return row?.n ?? 0;
}

/** How many leads each status tab holds under the other filters (the tab counts). */
export async function countLeadsByStatus(
  tx: TenantTx,
  filter: LeadListFilter = {},
): Promise<Partial<Record<LeadStatus | "all", number>>> {
  const rows = await tx
    .select({ status: leads.status, n: count() })
    .from(leads)
    .where(whereOf(tx.dealershipId, { ...filter, status: undefined }))
    .groupBy(leads.status);
  const counts: Partial<Record<LeadStatus | "all", number>> = { all: 0 };
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.all! += row.n;
  }
  return counts;
}

/**
 * One page of the inbox and the filter's total. Sequential on purpose: one transaction is one connection, and
 * pg does not run two queries on a connection at once.
 */
export async function findLeadPage(tenant: Tenant, filter: LeadListFilter) {
  const { leadsOnPage, total, statusCounts } = await withTenant(tenant.dealershipId, async (tx) => ({
    leadsOnPage: await findLeads(tx, filter),
    total: await countLeads(tx, filter),
    statusCounts: await countLeadsByStatus(tx, filter),
  }));
  const limit = Math.min(filter.limit ?? 25, 100);
  return {
    leads: leadsOnPage,
    total,
    statusCounts,
    page: Math.floor((filter.offset ?? 0) / limit) + 1,
    pages: Math.max(1, Math.ceil(total / limit)),
  };
}
