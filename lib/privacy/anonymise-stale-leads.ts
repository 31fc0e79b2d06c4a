import { rm } from "node:fs/promises";
import { and, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem, withTenant, type TenantTx } from "../db/tenant.ts";
import { applyEraseRules } from "./apply-erase-rules.ts";
import { resolveExportPath } from "./export-dir.ts";
import { escapeRegex, type Person } from "./find-person.ts";

/** Leads handled per dealership and run: keeps each transaction short; the next night takes the rest. */
const BATCH = 500;

export type RetentionReport = { dealerships: number; leadsAnonymised: number; exportsExpired: number };

/**
 * The `privacy.retention` job (nightly): in every dealership, leads whose last activity is older than its
 * retention period (Settings → Personvern, default 24 months) are anonymised through the same registry as an
 * erasure, lead by lead, without suppressing the person (they may write again). Each dealership's run leaves one
 * audit entry with the count: the report. Exports never downloaded are dropped when they expire, and the zip
 * files of expired dealership-wide exports are deleted.
 */
export async function anonymiseStaleLeads(
  options: { now?: Date; dealershipIds?: string[] } = {},
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const all = await withSystem((tx) =>
    tx.select({ id: dealerships.id, months: dealerships.retentionMonths }).from(dealerships),
  );
  const tenants = options.dealershipIds ? all.filter((d) => options.dealershipIds!.includes(d.id)) : all;
  const report: RetentionReport = { dealerships: 0, leadsAnonymised: 0, exportsExpired: 0 };
  for (const tenant of tenants) {
    const { leads, exports, files } = await withTenant(tenant.id, (tx) =>
      anonymiseInTenant(tx, tenant.months, now),
    );
    for (const file of files) await rm(resolveExportPath(file), { force: true });
    if (leads > 0) report.dealerships += 1;
    report.leadsAnonymised += leads;
    report.exportsExpired += exports;
  }
  return report;
}

async function anonymiseInTenant(tx: TenantTx, months: number, now: Date) {
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - months);
  const { rows } = await tx.execute<{
    id: string;
    customer_name: string | null;
    customer_email: string | null;
    customer_phone: string | null;
    email_normalized: string | null;
    phone_normalized: string | null;
  }>(sql`
    select id, customer_name, customer_email, customer_phone, email_normalized, phone_normalized
    from leads
    where dealership_id = ${tx.dealershipId} and anonymised_at is null
      and coalesce(last_activity_at, created_at) < ${cutoff.toISOString()}::timestamptz
    order by created_at
    limit ${BATCH}`);
  for (const lead of rows) await applyEraseRules(tx, personOfLead(lead));
  if (rows.length > 0)
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "system",
      action: "privacy.retention",
      data: { leads: rows.length, retentionMonths: months, cutoff: cutoff.toISOString() },
    });
  const expiredFiles = await tx
    .select({ filePath: privacyRequests.filePath })
    .from(privacyRequests)
    .where(
      and(
        sql`${privacyRequests.dealershipId} = ${tx.dealershipId}`,
        eq(privacyRequests.kind, "dealership_export"),
        isNotNull(privacyRequests.filePath),
        lte(privacyRequests.expiresAt, now),
      ),
    );
  const expired = await tx
    .update(privacyRequests)
    .set({ exportData: null, exportHtml: null, filePath: null, status: "expired" })
    .where(
      and(
        sql`${privacyRequests.dealershipId} = ${tx.dealershipId}`,
        or(
          isNotNull(privacyRequests.exportData),
          isNotNull(privacyRequests.exportHtml),
          and(eq(privacyRequests.kind, "dealership_export"), isNotNull(privacyRequests.filePath)),
        ),
        lte(privacyRequests.expiresAt, now),
      ),
    )
    .returning({ id: privacyRequests.id });
  const files = expiredFiles.map((e) => e.filePath).filter((f): f is string => !!f);
  return { leads: rows.length, exports: expired.length, files };
}

/**
 * One lead as the eraser's Person: only its own rows are matched (no addresses: the person's newer leads and
 * messages stay), while its identifiers are scrubbed from the text of the rows it owns.
 */
function personOfLead(lead: {
  id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  email_normalized: string | null;
  phone_normalized: string | null;
}): Person {
  const identifiers = [
    lead.customer_name,
    lead.customer_email,
    lead.customer_phone,
    lead.email_normalized,
    lead.phone_normalized,
    lead.phone_normalized?.startsWith("+47") ? lead.phone_normalized.slice(3) : null,
  ]
    .map((s) => s?.trim())
    .filter((s): s is string => Boolean(s && s.length >= 3));
  return {
    leadIds: [lead.id],
    emails: [],
    phones: [],
    names: lead.customer_name ? [lead.customer_name] : [],
    pattern: identifiers.length ? identifiers.map(escapeRegex).join("|") : null,
  };
}
