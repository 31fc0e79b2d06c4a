import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { updateDealershipSettings } from "../dealerships/update-dealership-settings.ts";
import type { AiSettingsInput } from "./schemas.ts";

/**
 * Saves Settings → AI: mode, address form, extra instructions (plain text, fenced as data in the prompt) and the
 * sources the AI does not answer, with an audit entry of what changed.
 */
export async function updateAiSettings(session: Session, input: AiSettingsInput): Promise<void> {
  await withTenant(session.dealershipId, (tx) =>
    updateDealershipSettings(tx, {
      actorUserId: session.userId,
      action: "dealership.ai_settings_updated",
      after: {
        aiMode: input.aiMode,
        aiAddressForm: input.aiAddressForm,
        aiExtraInstructions: input.aiExtraInstructions || null,
        aiSkipSources: input.aiSkipSources,
      },
    }),
  );
}
