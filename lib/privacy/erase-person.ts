import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import type { Principal } from "../auth/session-types.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { suppressAddressInTx } from "../suppressions/suppress-address.ts";
import { applyEraseRules, type EraseSummary } from "./apply-erase-rules.ts";
import { findPerson, type PersonQuery } from "./find-person.ts";
import { hashPrivacySubject } from "./subject-hash.ts";

export type EraseResult = { requestId: string; leads: number; summary: EraseSummary };

/**
 * GDPR art. 17: erases a person from the dealership in one transaction. Every registered table is walked
 * (personal-data-tables.ts): queued jobs, outbox rows, stored e-mails, request logs and notes are deleted; leads,
 * messages and timelines stay anonymised so the figures stay right. Every address of theirs is then suppressed
 * for every channel (as a keyed hash), and one audit entry records counts, never who.
 */
export async function erasePerson(principal: Principal, query: PersonQuery): Promise<EraseResult> {
  return withTenant(principal.dealershipId, async (tx) => {
    const result = await erasePersonInTx(tx, query);
    const [request] = await tx
      .insert(privacyRequests)
      .values({
        dealershipId: tx.dealershipId,
        kind: "erase",
        status: "done",
        subjectHash: hashPrivacySubject(query),
        requestedBy: "userId" in principal ? principal.userId : null,
        summary: flatten(result.summary),
        completedAt: new Date(),
      })
      .returning({ id: privacyRequests.id });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "userId" in principal ? "user" : "api",
      actorUserId: "userId" in principal ? principal.userId : null,
      action: "privacy.erased",
      targetType: "privacy_request",
      targetId: request!.id,
      data: { leads: result.leads, tables: flatten(result.summary) },
    });
    return { requestId: request!.id, ...result };
  });
}

/** The erase itself, in the caller's transaction. */
export async function erasePersonInTx(
  tx: TenantTx,
  query: PersonQuery,
): Promise<{ leads: number; summary: EraseSummary }> {
  const person = await findPerson(tx, query);
  const summary = await applyEraseRules(tx, person);
  const addresses = [
    ...person.emails.map((address) => ({ channel: "email" as const, address })),
    ...person.phones.map((address) => ({ channel: "sms" as const, address })),
  ];
  for (const entry of addresses)
    await suppressAddressInTx(tx, { ...entry, reason: "erasure" }, { actorType: "system" });
  await dropExportsOf(tx, [
    ...new Set([query.email, ...person.emails].filter(Boolean).map((email) => hashPrivacySubject({ email }))),
    ...new Set([query.phone, ...person.phones].filter(Boolean).map((phone) => hashPrivacySubject({ phone }))),
  ]);
  return { leads: person.leadIds.length, summary };
}

/**
 * An export of the person not yet fetched (or not yet made) names them: its data, its readable summary and its
 * sealed address go with the erasure, and the request ends `expired` (a queued job then finds nothing to do).
 */
async function dropExportsOf(tx: TenantTx, subjectHashes: string[]) {
  if (subjectHashes.length === 0) return;
  await tx
    .update(privacyRequests)
    .set({ exportData: null, exportHtml: null, subjectSealed: null, status: "expired" })
    .where(
      and(
        eq(privacyRequests.dealershipId, tx.dealershipId),
        eq(privacyRequests.kind, "export"),
        inArray(privacyRequests.subjectHash, subjectHashes),
        or(
          isNotNull(privacyRequests.exportData),
          isNotNull(privacyRequests.exportHtml),
          isNotNull(privacyRequests.subjectSealed),
        ),
      ),
    );
}

function flatten(summary: EraseSummary): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [table, counts] of Object.entries(summary))
    for (const [what, n] of Object.entries(counts)) out[`${table}.${what}`] = n ?? 0;
  return out;
}
