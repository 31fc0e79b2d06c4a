import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { authTokens } from "../../db/schema/auth.ts";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { sendWelcomeEmail } from "../onboarding/send-welcome-email.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { sendPasswordResetEmail } from "./auth-emails.ts";
import { hashPassword } from "./password.ts";
import { revokeUserSessions } from "./sessions.ts";
import { generateToken, hashToken } from "./tokens.ts";

const RESET_TTL_MINUTES = 60;

/**
 * The form's side: rate-limit and hand the work to the worker. Answering before looking the address up keeps
 * the response the same, in content and in time, for known and unknown addresses.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  await consumeRateLimit(`password-reset:${email}`, { limit: 5, windowSeconds: 60 * 60 });
  await enqueue("auth.password-reset", { email });
}

/** The auth.password-reset job: e-mails a single-use link if the address belongs to an active built-in login. */
export async function sendPasswordReset(email: string): Promise<void> {
  const issued = await issueLoginToken(email, "password_reset", RESET_TTL_MINUTES);
  if (issued) await sendPasswordResetEmail(issued.user, issued.token);
}

/**
 * A single-use token for the active built-in login with this address (password reset, sign-in link), stored as its
 * hash with its expiry; null when no such login exists, so the caller sends nothing.
 */
export async function issueLoginToken(
  email: string,
  purpose: "password_reset" | "sign_in_link",
  ttlMinutes: number,
) {
  const [user] = await withSystem((tx) =>
    tx
      .select({ id: users.id, dealershipId: users.dealershipId, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.email, email), isNotNull(users.passwordHash), eq(users.isActive, true)))
      .limit(1),
  );
  if (!user) return null;
  const token = generateToken();
  await withTenant(user.dealershipId, (tx) =>
    tx.insert(authTokens).values({
      dealershipId: user.dealershipId,
      userId: user.id,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: sql`now() + make_interval(mins => ${ttlMinutes})`,
    }),
  );
  return { user, token };
}

/** Consumes a single-use token of the given purpose; null when unknown, used or expired. */
export async function consumeAuthToken(
  token: string,
  purpose: "password_reset" | "email_verification" | "sign_in_link",
) {
  return withSystem(async (tx) => {
    const [row] = await tx
      .update(authTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(authTokens.tokenHash, hashToken(token)),
          eq(authTokens.purpose, purpose),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: authTokens.userId, dealershipId: authTokens.dealershipId });
    return row ?? null;
  });
}

export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const owner = await consumeAuthToken(token, "password_reset");
  if (!owner) throw new AppError("not_found", "Lenken er ugyldig, brukt eller utløpt. Be om en ny.");
  await withTenant(owner.dealershipId, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(and(eq(users.id, owner.userId), eq(users.dealershipId, owner.dealershipId)));
    await recordAudit(tx, {
      dealershipId: owner.dealershipId,
      actorType: "user",
      actorUserId: owner.userId,
      action: "user.password_reset",
    });
  });
  // Whoever knew the old password is logged out everywhere.
  await revokeUserSessions(owner, owner.userId);
}

export async function verifyEmail(token: string): Promise<boolean> {
  const owner = await consumeAuthToken(token, "email_verification");
  if (!owner) return false;
  await withTenant(owner.dealershipId, (tx) =>
    tx
      .update(users)
      .set({ emailVerifiedAt: sql`now()` })
      .where(and(eq(users.id, owner.userId), eq(users.dealershipId, owner.dealershipId))),
  );
  // The owner's first verification sends the welcome e-mail with the onboarding steps (once per dealership).
  await sendWelcomeEmail(owner);
  return true;
}
