import { and, eq, ne } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { Session } from "../auth/session-types.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { updateDealershipSettings } from "../dealerships/update-dealership-settings.ts";
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
  await withTenant(session.dealershipId, (tx) =>
    updateDealershipSettings(tx, {
      actorUserId: session.userId,
      action: "dealership.conversation_settings_updated",
      after: {
        aiReplyMode: input.aiReplyMode,
        aiHandoffAfterTurns: input.aiHandoffAfterTurns,
        smsNumber,
        smsSenderId: input.smsSenderId ?? null,
      },
    }),
  );
}
