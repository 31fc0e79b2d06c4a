import { and, eq, isNull, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { users } from "../../db/schema/users.ts";
import { getEnv } from "../../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { sendUserEmail } from "../messaging/send-user-email.ts";
import { readOnboardingChecklist } from "./get-onboarding-checklist.ts";
import type { OnboardingStepKey } from "./onboarding-steps.ts";

// The welcome e-mail is in Norwegian like the other account e-mails (lib/auth/auth-emails.ts); the same steps and
// wording as the checklist (messages/nb.json → onboarding.steps).
const STEP_TEXT: Record<OnboardingStepKey, string> = {
  websiteForm: "Koble til nettsideskjemaet",
  emailForwarding: "Videresend e-post fra Finn og andre",
  facebook: "Koble til Facebook-siden",
  inventory: "Legg inn bilene på lager",
  reps: "Inviter selgere med mobilnummer",
  businessHours: "Sett åpningstidene",
  testLead: "Send en testlead",
};

/**
 * After the owner (an admin) verifies their e-mail: one welcome e-mail per dealership with the onboarding steps,
 * each linking to where it is done. Stamped (`welcome_email_sent_at`) in the same transaction that decides to send,
 * so a second verification link or a second admin never sends it again.
 */
export async function sendWelcomeEmail(owner: { dealershipId: string; userId: string }): Promise<boolean> {
  const prepared = await withTenant(owner.dealershipId, async (tx) => {
    const [user] = await tx
      .select({ name: users.name, email: users.email, role: users.role })
      .from(users)
      .where(
        and(eq(users.id, owner.userId), eq(users.dealershipId, owner.dealershipId), eq(users.isActive, true)),
      );
    if (!user || user.role !== "admin") return null;
    const [dealership] = await tx
      .update(dealerships)
      .set({ welcomeEmailSentAt: sql`now()` })
      .where(and(eq(dealerships.id, owner.dealershipId), isNull(dealerships.welcomeEmailSentAt)))
      .returning({ name: dealerships.name });
    if (!dealership) return null;
    const checklist = await readOnboardingChecklist(tx);
    await recordAudit(tx, {
      dealershipId: owner.dealershipId,
      actorType: "system",
      action: "dealership.welcome_email.sent",
      targetType: "user",
      targetId: owner.userId,
    });
    return { user, dealershipName: dealership.name, steps: checklist.steps };
  });
  if (!prepared) return false;
  const link = (path: string) => new URL(path, getEnv().APP_URL).toString();
  const lines = prepared.steps.map(
    (s, i) => `${i + 1}. ${STEP_TEXT[s.key]}${s.done ? " (gjort)" : ""}\n   ${link(s.href)}`,
  );
  await sendUserEmail(owner, {
    to: prepared.user.email,
    subject: `Velkommen til Norvalt, ${prepared.dealershipName}`,
    idempotencyKey: `welcome:${owner.dealershipId}`,
    text:
      `Hei ${prepared.user.name}!\n\nE-postadressen din er bekreftet. Slik kommer ${prepared.dealershipName} i gang ` +
      `(hvert steg krysses av i Norvalt når vi ser at det virker):\n\n${lines.join("\n")}\n\n` +
      `Sjekklisten finner du også i innboksen og under Innstillinger.\n\nHilsen Norvalt`,
  });
  return true;
}
