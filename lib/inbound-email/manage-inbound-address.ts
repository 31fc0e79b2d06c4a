import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { forgetInboundScope } from "./find-inbound-target.ts";
import { generateInboundLocalPart, generateInboundSecret } from "./inbound-address.ts";

/**
 * A new inbound address and webhook secret (after the address leaked to spammers). The previous address keeps
 * working for a week (PREVIOUS_ADDRESS_GRACE_MS) so the dealership can update its forwarding rules; the old
 * webhook secret stops at once.
 */
export async function rotateInboundAddress(session: Session): Promise<string> {
  const localPart = await withTenant(session.dealershipId, async (tx) => {
    const [current] = await tx
      .select({ slug: dealerships.slug, localPart: dealerships.inboundEmailLocalPart })
      .from(dealerships)
      .where(eq(dealerships.id, session.dealershipId));
    if (!current) throw new AppError("not_found", "Forhandleren finnes ikke");
    const localPart = generateInboundLocalPart(current.slug);
    await tx
      .update(dealerships)
      .set({
        inboundEmailLocalPart: localPart,
        inboundEmailPreviousLocalPart: current.localPart,
        inboundEmailRotatedAt: sql`now()`,
        inboundEmailSecret: generateInboundSecret(),
        updatedAt: sql`now()`,
      })
      .where(and(eq(dealerships.id, session.dealershipId)));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.inbound_email_rotated",
      data: { previous: current.localPart, current: localPart },
    });
    return localPart;
  });
  forgetInboundScope(session);
  return localPart;
}

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ""))
  .pipe(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "Ugyldig domene"));

export const emailIntakeSettingsInput = z.object({
  blockedSenderDomains: z
    .string()
    .max(5_000)
    .default("")
    .transform((text) => text.split(/[\s,;]+/).filter(Boolean))
    .pipe(z.array(domain).max(200, "Høyst 200 domener")),
});

/** The dealership's e-mail intake settings: sender domains whose mail is always set aside as spam. */
export async function updateEmailIntakeSettings(
  session: Session,
  input: z.output<typeof emailIntakeSettingsInput>,
): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    await tx
      .update(dealerships)
      .set({
        emailIntegrationSettings: { blockedSenderDomains: [...new Set(input.blockedSenderDomains)] },
        updatedAt: sql`now()`,
      })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.email_settings_updated",
      data: { blockedSenderDomains: input.blockedSenderDomains.length },
    });
  });
}
