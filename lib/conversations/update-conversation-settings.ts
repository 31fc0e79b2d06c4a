import { and, eq, ne, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { ConversationSettingsInput } from "./schemas.ts";

const NUMBER_TAKEN = "Nummeret er allerede i bruk hos en annen forhandler";

/**
 * Saves Settings → Samtaler og SMS: how the AI answers a customer who writes again (draft by default, autopilot
 * only by an admin's choice, or off), after how many AI answers a person takes over, and the dealership's own
 * SMS number (customers' texts to it are routed here) and sender id. Audited with what changed.
 */
export async function updateConversationSettings(
  session: Session,
  input: ConversationSettingsInput,
): Promise<void> {
  const smsNumber = input.smsNumber ?? null;
  // A number belongs to one dealership: routing is by number. Checked across tenants (withSystem), named only as
  // "in use" — the unique index is the real guard against two saves at once.
  if (smsNumber) {
    const [taken] = await withSystem((tx) =>
      tx
        .select({ id: dealerships.id })
        .from(dealerships)
        .where(and(eq(dealerships.smsNumber, smsNumber), ne(dealerships.id, session.dealershipId))),
    );
    if (taken) throw new AppError("conflict", NUMBER_TAKEN, { fieldErrors: { smsNumber: [NUMBER_TAKEN] } });
  }
  await withTenant(session.dealershipId, async (tx) => {
    const [before] = await tx
      .select({
        aiReplyMode: dealerships.aiReplyMode,
        aiHandoffAfterTurns: dealerships.aiHandoffAfterTurns,
        smsNumber: dealerships.smsNumber,
        smsSenderId: dealerships.smsSenderId,
      })
      .from(dealerships)
      .where(eq(dealerships.id, session.dealershipId))
      .for("no key update");
    if (!before) throw new AppError("not_found", "Fant ikke forhandleren");
    const after = {
      aiReplyMode: input.aiReplyMode,
      aiHandoffAfterTurns: input.aiHandoffAfterTurns,
      smsNumber,
      smsSenderId: input.smsSenderId ?? null,
    };
    await tx
      .update(dealerships)
      .set({ ...after, updatedAt: sql`now()` })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.conversation_settings_updated",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: { before, after },
    });
  });
}
