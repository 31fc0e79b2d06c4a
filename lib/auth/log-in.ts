import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { getEnv } from "../../env.ts";
import { consumeRateLimit, resetRateLimit } from "../rate-limit.ts";
import { getDummyPasswordHash, verifyPassword } from "./password.ts";
import type { logInInput } from "./schemas.ts";
import { createSession, type RequestMeta } from "./sessions.ts";

// Per address and per client: slows password guessing without locking a user out from every network.
export const LOGIN_LIMIT_PER_EMAIL = { limit: 10, windowSeconds: 15 * 60 };
const LOGIN_IP_WINDOW_SECONDS = 15 * 60;

export const INVALID_CREDENTIALS = "Feil e-postadresse eller passord";

/** Checks the password and starts a session. Every failure says the same thing, so it reveals no account. */
export async function logIn(input: z.output<typeof logInInput>, meta: RequestMeta = {}) {
  const emailKey = `login:email:${input.email}`;
  await consumeRateLimit(emailKey, LOGIN_LIMIT_PER_EMAIL);
  if (meta.ip)
    await consumeRateLimit(`login:ip:${meta.ip}`, {
      limit: getEnv().LOGIN_RATE_LIMIT_PER_IP,
      windowSeconds: LOGIN_IP_WINDOW_SECONDS,
    });

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
  if (!user || !valid || !user.isActive) throw new AppError("unauthorized", INVALID_CREDENTIALS);

  await resetRateLimit(emailKey);
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
      ip: meta.ip,
    });
  });
  return { userId: user.id, dealershipId: user.dealershipId, sessionToken: await createSession(user, meta) };
}
