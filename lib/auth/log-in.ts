import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { getEnv } from "../../env.ts";
import { getDummyPasswordHash, verifyPassword } from "./password.ts";
import type { logInInput } from "./schemas.ts";
import { createSession, type RequestMeta } from "./sessions.ts";
import {
  checkLoginThrottles,
  clearLoginFailures,
  loginThrottles,
  recordLoginFailure,
} from "./throttle-login.ts";

export const INVALID_CREDENTIALS = "Feil e-postadresse eller passord";

/**
 * Checks the password and starts a session. Every failure says the same thing, so it reveals no account; repeated
 * failures slow further attempts down (never a lockout: see throttle-login.ts).
 */
export async function logIn(input: z.output<typeof logInInput>, meta: RequestMeta = {}) {
  // Growing delays per (account, client), per client and per account; never a lockout (lib/auth/throttle-login.ts).
  const throttles = loginThrottles(input.email, meta.ip, getEnv().LOGIN_RATE_LIMIT_PER_IP);
  await checkLoginThrottles(throttles);

  // Login is before any tenant is known: the one e-mail lookup across dealerships.
  const [user] = await withSystem((tx) =>
    tx
      .select({
        id: users.id,
        dealershipId: users.dealershipId,
        passwordHash: users.passwordHash,
        isActive: users.isActive,
      })
      .from(users)
      .where(and(eq(users.email, input.email), isNotNull(users.passwordHash)))
      .limit(1),
  );
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await getDummyPasswordHash()));
  if (!user || !valid || !user.isActive) {
    await recordLoginFailure(throttles);
    throw new AppError("unauthorized", INVALID_CREDENTIALS);
  }

  await clearLoginFailures(throttles);
  return startLoggedInSession(user, meta);
}

/**
 * The end of every way in (password, sign-in link): stamps the last login, writes the audit entry in the same
 * transaction, then opens the session.
 */
export async function startLoggedInSession(
  user: { id: string; dealershipId: string },
  meta: RequestMeta,
  via?: "sign_in_link",
) {
  await withTenant(user.dealershipId, async (tx) => {
    await tx
      .update(users)
      .set({ lastLoginAt: sql`now()` })
      .where(eq(users.id, user.id));
    await recordAudit(tx, {
      dealershipId: user.dealershipId,
      actorType: "user",
      actorUserId: user.id,
      action: "user.login",
      ...(via ? { data: { via } } : {}),
      ip: meta.ip,
    });
  });
  return { userId: user.id, dealershipId: user.dealershipId, sessionToken: await createSession(user, meta) };
}
