import { eq, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { AiSettingsInput } from "./schemas.ts";

/**
 * Saves Settings → AI: mode, address form, extra instructions (plain text, fenced as data in the prompt) and the
 * sources the AI does not answer, with an audit entry of what changed.
 */
export async function updateAiSettings(session: Session, input: AiSettingsInput): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    const [before] = await tx
      .select({
        aiMode: dealerships.aiMode,
        aiAddressForm: dealerships.aiAddressForm,
        aiExtraInstructions: dealerships.aiExtraInstructions,
        aiSkipSources: dealerships.aiSkipSources,
      })
      .from(dealerships)
      .where(eq(dealerships.id, session.dealershipId))
      .for("no key update");
    if (!before) throw new AppError("not_found", "Fant ikke forhandleren");
    const after = {
      aiMode: input.aiMode,
      aiAddressForm: input.aiAddressForm,
      aiExtraInstructions: input.aiExtraInstructions || null,
      aiSkipSources: input.aiSkipSources,
    };
    await tx
      .update(dealerships)
      .set({ ...after, updatedAt: sql`now()` })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.ai_settings_updated",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: { before, after },
    });
  });
}
