import { and, count, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { leadSearchTerms } from "../../db/schema/lead-search.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import type { DeliveryStatus, LeadSource, LeadStatus } from "../../db/schema/enums.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
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
  /** Spam (honeypot hits) stays out of the inbox unless asked for. */
  includeSpam?: boolean;
  limit?: number;
  offset?: number;
};

function whereOf(dealershipId: string, filter: LeadListFilter): SQL | undefined {
  return and(
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
  return and(
    ...prefixes.map((prefix) =>
      inArray(
        leads.id,
        sql`(select ${leadSearchTerms.leadId} from ${leadSearchTerms}
              where ${leadSearchTerms.dealershipId} = ${dealershipId}
                and ${leadSearchTerms.term} >= ${prefix} and ${leadSearchTerms.term} < ${prefixUpperBound(prefix)})`,
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

/** The inbox query: newest first, 25 per page. Served by the leads_inbox_* indexes. */
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
      // The AI's latest message: one probe of conversations_lead_idx per row on the page.
      lastAiStatus: sql<DeliveryStatus | null>`(select ${conversations.deliveryStatus} from ${conversations}
        where ${conversations.leadId} = ${leads.id} and ${conversations.senderType} = 'ai'
        order by ${conversations.createdAt} desc limit 1)`,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(whereOf(tx.dealershipId, filter))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(Math.min(filter.limit ?? 25, 100))
    .offset(filter.offset ?? 0);
}

export type LeadListItem = Awaited<ReturnType<typeof findLeads>>[number];

export async function countLeads(tx: TenantTx, filter: LeadListFilter = {}): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(leads).where(whereOf(tx.dealershipId, filter));
  return row?.n ?? 0;
}

/**
 * One page of the inbox and the filter's total. Sequential on purpose: one transaction is one connection, and
 * pg does not run two queries on a connection at once.
 */
export async function findLeadPage(tenant: Tenant, filter: LeadListFilter) {
  const { leadsOnPage, total } = await withTenant(tenant.dealershipId, async (tx) => ({
    leadsOnPage: await findLeads(tx, filter),
    total: await countLeads(tx, filter),
  }));
  const limit = Math.min(filter.limit ?? 25, 100);
  return {
    leads: leadsOnPage,
    total,
    page: Math.floor((filter.offset ?? 0) / limit) + 1,
    pages: Math.max(1, Math.ceil(total / limit)),
  };
}
