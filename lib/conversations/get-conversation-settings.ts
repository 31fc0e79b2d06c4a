import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { selectDealership } from "../dealerships/get-dealership.ts";
import { AppError } from "../errors.ts";

/** What Settings → Samtaler og SMS shows. */
export async function getConversationSettings(session: Session) {
  const dealership = await withTenant(session.dealershipId, selectDealership);
  if (!dealership) throw new AppError("not_found", "Fant ikke forhandleren");
  return {
    aiReplyMode: dealership.aiReplyMode,
    aiHandoffAfterTurns: dealership.aiHandoffAfterTurns,
    smsNumber: dealership.smsNumber ?? "",
    smsSenderId: dealership.smsSenderId ?? "",
  };
}
