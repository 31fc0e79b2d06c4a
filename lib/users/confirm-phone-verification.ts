import { and, eq, sql } from "drizzle-orm";
import { phoneVerifications, users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { PHONE_CODE_MAX_ATTEMPTS, checkPhoneCode } from "./phone-code.ts";

const codeError = (message: string) =>
  new AppError("bad_request", message, { fieldErrors: { code: [message] } });

/**
 * Checks the code the user typed against their open one. Right: the number is theirs (users.phone and
 * phone_verified_at set, the code deleted). Wrong: one try used, and the fifth wrong try kills the code.
 * The attempt is counted in its own committed transaction before the error is thrown.
 */
export async function confirmPhoneVerification(
  session: Session,
  input: { code: string },
): Promise<{ phone: string }> {
  const { dealershipId, userId } = session;
  const outcome = await withTenant(dealershipId, async (tx) => {
    const where = and(
      eq(phoneVerifications.userId, userId),
      eq(phoneVerifications.dealershipId, dealershipId),
    );
    // Row lock: two tabs typing codes at once cannot both get a "fifth" try.
    const [open] = await tx.select().from(phoneVerifications).where(where).for("update");
    if (!open) return { verdict: "none" as const };
    const verdict = checkPhoneCode(open, input.code);
    if (verdict === "expired" || verdict === "too_many_attempts") {
      await tx.delete(phoneVerifications).where(where);
      return { verdict };
    }
    if (verdict === "wrong") {
      const attempts = open.attempts + 1;
      if (attempts >= PHONE_CODE_MAX_ATTEMPTS) await tx.delete(phoneVerifications).where(where);
      else await tx.update(phoneVerifications).set({ attempts }).where(where);
      return { verdict, left: PHONE_CODE_MAX_ATTEMPTS - attempts };
    }
    await tx
      .update(users)
      .set({ phone: open.phone, phoneVerifiedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    await tx.delete(phoneVerifications).where(where);
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.phone_verified",
      targetType: "user",
      targetId: userId,
      data: { phone: open.phone },
    });
    return { verdict, phone: open.phone };
  });
  switch (outcome.verdict) {
    case "ok":
      return { phone: outcome.phone };
    case "none":
      throw codeError("Ingen aktiv kode. Send en ny kode.");
    case "expired":
      throw codeError("Koden er utløpt. Send en ny kode.");
    case "too_many_attempts":
      throw codeError("For mange feil forsøk. Send en ny kode.");
    case "wrong":
      throw codeError(
        outcome.left > 0
          ? `Feil kode. ${outcome.left} forsøk igjen.`
          : "For mange feil forsøk. Send en ny kode.",
      );
  }
}
