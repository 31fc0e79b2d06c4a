import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { forgetFormDealership } from "./find-dealership-by-form-key.ts";

const origin = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^/\s]+$/.test(v), "Skriv opphav som https://bilhuset.no (uten sti)");

export const formSettingsInput = z.object({
  // One origin per line in the form.
  allowedOrigins: z
    .string()
    .max(4_000)
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(origin).max(20, "Maks 20 opphav")),
  thankYouUrl: z.union([z.literal(""), z.url("Ugyldig adresse").max(2_000)]),
});

export async function updateFormSettings(session: Session, input: z.output<typeof formSettingsInput>) {
  await withTenant(session.dealershipId, async (tx) => {
    await tx
      .update(dealerships)
      .set({
        formAllowedOrigins: input.allowedOrigins,
        formThankYouUrl: input.thankYouUrl || null,
        updatedAt: sql`now()`,
      })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.form_settings_updated",
      data: { allowedOrigins: input.allowedOrigins, thankYouUrl: input.thankYouUrl || null },
    });
  });
  forgetFormDealership(session);
}
