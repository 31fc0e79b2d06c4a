import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { selectDealership } from "../dealerships/get-dealership.ts";
import { AppError } from "../errors.ts";

/** What Settings → AI shows. */
export async function getAiSettings(session: Session) {
  const dealership = await withTenant(session.dealershipId, selectDealership);
  if (!dealership) throw new AppError("not_found", "Fant ikke forhandleren");
  return {
    aiMode: dealership.aiMode,
    aiAddressForm: dealership.aiAddressForm,
    aiExtraInstructions: dealership.aiExtraInstructions ?? "",
    aiSkipSources: dealership.aiSkipSources,
  };
}
