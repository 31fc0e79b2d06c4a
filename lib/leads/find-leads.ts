import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import type { LeadSource, LeadStatus } from "../../db/schema/enums.ts";
import type { Tx } from "../db/tenant.ts";
import { normalisePhone } from "./normalise-contact.ts";

export type LeadListFilter = {
  status?: LeadStatus;
  source?: LeadSource;
  /** Exact match on the normalised (lower-cased) e-mail. */
  email?: string;
  assignedTo?: string;
  /** Name (contains), e-mail (exact or prefix) or phone (any format: normalised to E.164). */
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
    filter.includeSpam ? undefined : eq(leads.isSpam, false),
    filter.from ? gte(leads.createdAt, filter.from) : undefined,
    filter.to ? lt(leads.createdAt, filter.to) : undefined,
    filter.search ? matchSearch(filter.search) : undefined,
  );
}

function matchSearch(search: string): SQL | undefined {
  const phone = /^[+\d][\d\s-]{5,}$/.test(search) ? normalisePhone(search) : null;
  if (phone) return eq(leads.phoneNormalized, phone);
  const escaped = search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  if (search.includes("@"))
    return or(eq(leads.emailNormalized, search.toLowerCase()), ilike(leads.emailNormalized, `${escaped}%`));
  return or(ilike(leads.customerName, `%${escaped}%`), ilike(leads.emailNormalized, `${escaped}%`));
}

/** The inbox query: newest first, 25 per page. Served by the leads_inbox_* indexes. */
export async function findLeads(tx: Tx, dealershipId: string, filter: LeadListFilter = {}) {
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
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.assignedTo))
    .where(whereOf(dealershipId, filter))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(Math.min(filter.limit ?? 25, 100))
    .offset(filter.offset ?? 0);
}

export type LeadListItem = Awaited<ReturnType<typeof findLeads>>[number];

export async function countLeads(tx: Tx, dealershipId: string, filter: LeadListFilter = {}): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(leads).where(whereOf(dealershipId, filter));
  return row?.n ?? 0;
}

/**
 * One page of the inbox and the filter's total. Sequential on purpose: one transaction is one connection, and
 * pg does not run two queries on a connection at once.
 */
export async function findLeadPage(tx: Tx, dealershipId: string, filter: LeadListFilter) {
  const leadsOnPage = await findLeads(tx, dealershipId, filter);
  const total = await countLeads(tx, dealershipId, filter);
  const limit = Math.min(filter.limit ?? 25, 100);
  return {
    leads: leadsOnPage,
    total,
    page: Math.floor((filter.offset ?? 0) / limit) + 1,
    pages: Math.max(1, Math.ceil(total / limit)),
  };
}
