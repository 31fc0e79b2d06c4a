import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import type { ACTOR_TYPES, SUPPRESSION_REASONS } from "../../db/schema/enums.ts";
import { leads } from "../../db/schema/leads.ts";
import { suppressions } from "../../db/schema/operations.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant, type Tenant, type TenantTx, type Tx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { normaliseEmail, normalisePhone } from "../leads/normalise-contact.ts";
import { hashSuppressionAddress } from "./hash-suppression-address.ts";

type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
type ActorType = (typeof ACTOR_TYPES)[number];

export type SuppressInput = {
  channel: "email" | "sms";
  /** E-mail address or phone number in any spelling; stored normalised (lower case / E.164). */
  address: string;
  reason: SuppressionReason;
  leadId?: string;
};
export type SuppressActor = { actorType?: ActorType; actorUserId?: string; ip?: string | null };
export type SuppressResult = {
  /** False when every address was already suppressed: nothing changed. */
  created: boolean;
  suppressed: { channel: "email" | "sms"; address: string }[];
};

/** Puts an address on the dealership's suppression list. Idempotent: suppressing twice changes nothing. */
export function suppressAddress(
  tenant: Tenant,
  input: SuppressInput,
  actor: SuppressActor = {},
): Promise<SuppressResult> {
  return withTenant(tenant.dealershipId, (tx) => suppressAddressInTx(tx, input, actor));
}

/**
 * suppressAddress inside the caller's transaction (a bounce webhook that also updates the message, say).
 *
 * "For all channels": when a person unsubscribes an e-mail address, the dealership's leads with that address are
 * marked unsubscribed and their phone numbers are suppressed for SMS too, since the person asked to hear nothing
 * more. Bounces and complaints concern the mailbox only and stay on the e-mail channel. isSuppressed also
 * treats an unsubscribed e-mail as stopping SMS, which covers phone numbers first seen after the unsubscribe.
 * An unusable address throws AppError("bad_request") before the first statement, so a caller may catch it and
 * carry on in the same transaction.
 */
export async function suppressAddressInTx(
  tx: TenantTx,
  input: SuppressInput,
  actor: SuppressActor = {},
): Promise<SuppressResult> {
  const { dealershipId } = tx;
  const address = input.channel === "email" ? normaliseEmail(input.address) : normalisePhone(input.address);
  if (!address || (input.channel === "email" && !address.includes("@")))
    throw new AppError(
      "bad_request",
      `Not a valid ${input.channel === "email" ? "e-mail address" : "phone number"}`,
    );
  const leadId = input.leadId ? await findLeadId(tx, dealershipId, input.leadId) : null;
  const entries: { channel: "email" | "sms"; address: string; leadId: string | null }[] = [
    { channel: input.channel, address, leadId },
  ];

  const unsubscribedLeads =
    input.channel === "email" && input.reason === "unsubscribe"
      ? await tx
          .update(leads)
          .set({ unsubscribedAt: new Date() })
          .where(
            and(
              eq(leads.dealershipId, dealershipId),
              eq(leads.emailNormalized, address),
              isNull(leads.unsubscribedAt),
            ),
          )
          .returning({ id: leads.id })
      : [];
  if (input.channel === "email" && input.reason === "unsubscribe") {
    const phones = await tx
      .selectDistinctOn([leads.phoneNormalized], { phone: leads.phoneNormalized, leadId: leads.id })
      .from(leads)
      .where(
        and(
          eq(leads.dealershipId, dealershipId),
          eq(leads.emailNormalized, address),
          isNotNull(leads.phoneNormalized),
        ),
      );
    for (const { phone, leadId: phoneLeadId } of phones)
      entries.push({ channel: "sms", address: phone!, leadId: phoneLeadId });
  }

  const inserted = await tx
    .insert(suppressions)
    .values(
      entries.map((e) => ({
        dealershipId,
        reason: input.reason,
        ...e,
        address: hashSuppressionAddress(e.channel, e.address),
      })),
    )
    .onConflictDoNothing({ target: [suppressions.dealershipId, suppressions.channel, suppressions.address] })
    .returning({ channel: suppressions.channel, address: suppressions.address });
  const suppressed = entries.filter((e) =>
    inserted.some(
      (i) => i.channel === e.channel && i.address === hashSuppressionAddress(e.channel, e.address),
    ),
  );

  // The stored address is a keyed hash, which SQL cannot match to a lead: the follow-ups of every lead with this
  // address stop here, in the same transaction as the suppression (the insert trigger covers only its lead).
  if (inserted.length > 0) {
    const addressColumn = input.channel === "email" ? sql`email_normalized` : sql`phone_normalized`;
    await tx.execute(sql`
      select stop_follow_ups(${dealershipId}::uuid, array_agg(id), 'suppressed')
        from leads where dealership_id = ${dealershipId} and ${addressColumn} = ${address} having count(*) > 0`);
  }

  const actorType = actor.actorType ?? "system";
  if (unsubscribedLeads.length > 0) {
    await tx.insert(leadEvents).values(
      unsubscribedLeads.map((lead) => ({
        dealershipId,
        leadId: lead.id,
        type: "lead.unsubscribed",
        actorType,
        actorUserId: actor.actorUserId ?? null,
        data: { channels: [...new Set(entries.map((e) => e.channel))] },
      })),
    );
  }
  if (inserted.length > 0) {
    await recordAudit(tx, {
      dealershipId,
      actorType,
      actorUserId: actor.actorUserId ?? null,
      action: "suppression.created",
      targetType: leadId ? "lead" : null,
      targetId: leadId,
      // Channels only: the audit log outlives an erasure and must not name the address.
      data: { reason: input.reason, channels: suppressed.map((e) => e.channel) },
      ip: actor.ip ?? null,
    });
  }
  return {
    created: inserted.length > 0,
    suppressed: suppressed.map(({ channel, address }) => ({ channel, address })),
  };
}

/** The lead id when that lead is the dealership's (RLS hides others anyway), else null: the link outlives leads. */
async function findLeadId(tx: Tx, dealershipId: string, leadId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(leadId)) return null;
  const [row] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  return row?.id ?? null;
}
