import { and, count, eq, gte, sql } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import type { LeadSource, LeadStatus } from "../../db/schema/enums.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

/** Headline numbers for the analytics page: counts by status and source, median first response, conversion. */
export function getLeadSummary(tenant: Tenant, days = 30) {
  return withTenant(tenant.dealershipId, (tx) => selectLeadSummary(tx, days));
}

async function selectLeadSummary(tx: TenantTx, days: number) {
  const { dealershipId } = tx;
  const where = and(
    eq(leads.dealershipId, dealershipId),
    gte(leads.createdAt, sql`now() - make_interval(days => ${days})`),
    eq(leads.isTest, false),
  );
  // Sequential: the transaction's single connection runs one query at a time anyway.
  const byStatus = await tx
    .select({ key: leads.status, n: count() })
    .from(leads)
    .where(where)
    .groupBy(leads.status);
  const bySource = await tx
    .select({ key: leads.source, n: count() })
    .from(leads)
    .where(where)
    .groupBy(leads.source);
  const [totals] = await tx
    .select({
      total: count(),
      medianResponseSeconds: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${leads.firstResponseSeconds})`,
    })
    .from(leads)
    .where(where);
  const total = totals?.total ?? 0;
  const won = byStatus.find((r) => r.key === "won")?.n ?? 0;
  return {
    total,
    byStatus: Object.fromEntries(byStatus.map((r) => [r.key, r.n])) as Partial<Record<LeadStatus, number>>,
    bySource: Object.fromEntries(bySource.map((r) => [r.key, r.n])) as Partial<Record<LeadSource, number>>,
    medianResponseSeconds:
      totals?.medianResponseSeconds == null ? null : Number(totals.medianResponseSeconds),
    conversionRate: total === 0 ? null : won / total,
  };
}
