import { and, eq, sql } from "drizzle-orm";
import { phoneVerifications, users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { sendUserSms } from "../messaging/send-user-sms.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { parseMobileNumber } from "./parse-mobile-number.ts";
import { PHONE_CODE_TTL_MINUTES, generatePhoneCode, hashPhoneCode } from "./phone-code.ts";

/** One code a minute per user, and at most 5 an hour (each one is an SMS we pay for). */
export const PHONE_CODE_RESEND_SECONDS = 60;
const PHONE_CODES_PER_HOUR = 5;

/**
 * Sends a six-digit code to the number the user typed and keeps only its hash (one open code per user: a new
 * one replaces the old). A number other than the stored one replaces it at once and clears the verification:
 * nobody is texted about leads at a number they have not proved is theirs.
 */
export async function startPhoneVerification(
  session: Session,
  input: { phone: string },
): Promise<{ phone: string; expiresAt: Date }> {
  const { dealershipId, userId } = session;
  const parsed = parseMobileNumber(input.phone);
  if (!parsed.ok)
    throw new AppError("bad_request", "Sjekk nummeret", { fieldErrors: { phone: [parsed.error] } });
  const { phone } = parsed;
  await consumeRateLimit(`phone-code:min:${userId}`, { limit: 1, windowSeconds: PHONE_CODE_RESEND_SECONDS });
  await consumeRateLimit(`phone-code:hour:${userId}`, { limit: PHONE_CODES_PER_HOUR, windowSeconds: 3600 });
  const code = generatePhoneCode();
  const opened = await withTenant(dealershipId, async (tx) => {
    const [user] = await tx
      .select({ phone: users.phone })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    if (!user) throw new AppError("not_found", "Fant ikke brukeren");
    if (user.phone !== phone) {
      await tx
        .update(users)
        .set({ phone, phoneVerifiedAt: null, updatedAt: sql`now()` })
        .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
      await recordAudit(tx, {
        dealershipId,
        actorType: "user",
        actorUserId: userId,
        action: "user.phone_changed",
        targetType: "user",
        targetId: userId,
        data: { phone: { from: user.phone, to: phone }, verified: false },
      });
    }
    const values = {
      phone,
      codeHash: hashPhoneCode(code, userId, phone),
      attempts: 0,
      expiresAt: sql`now() + make_interval(mins => ${PHONE_CODE_TTL_MINUTES})`,
      createdAt: sql`now()`,
    };
    const [row] = await tx
      .insert(phoneVerifications)
      .values({ userId, dealershipId, ...values })
      .onConflictDoUpdate({ target: phoneVerifications.userId, set: values })
      .returning({ expiresAt: phoneVerifications.expiresAt, createdAt: phoneVerifications.createdAt });
    return row!;
  });
  await sendUserSms(session, {
    to: phone,
    body: `${code} er koden din for å bekrefte mobilnummeret i Norvalt. Den gjelder i ${PHONE_CODE_TTL_MINUTES} minutter.`,
    idempotencyKey: `phone-code:${userId}:${opened.createdAt.toISOString()}`,
    containsSecret: true,
  });
  return { phone, expiresAt: opened.expiresAt };
}
