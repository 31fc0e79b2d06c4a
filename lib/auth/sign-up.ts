import { eq, sql } from "drizzle-orm";
import { authTokens } from "../../db/schema/auth.ts";
import { users } from "../../db/schema/users.ts";
import type { z } from "zod";
import { getEnv } from "../../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem } from "../db/tenant.ts";
import { insertDealership } from "../dealerships/insert-dealership.ts";
import { AppError } from "../errors.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { sendVerificationEmail } from "./auth-emails.ts";
import { hashPassword } from "./password.ts";
import type { signUpInput } from "./schemas.ts";
import { createSession, type RequestMeta } from "./sessions.ts";
import { generateToken, hashToken } from "./tokens.ts";

const VERIFICATION_TTL_HOURS = 48;
// Creating dealerships is rare for a real client; a burst from one address is a script.
export const SIGN_UP_LIMIT_PER_IP = { limit: 10, windowSeconds: 60 * 60 };

/** Built-in sign-up: a new dealership and its first admin, signed in, with a verification e-mail on its way. */
export async function signUp(
  input: Omit<z.output<typeof signUpInput>, "phone"> & { phone?: string | null },
  meta: RequestMeta = {},
) {
  // The operator may close public sign-up (ALLOW_SIGNUP=false): new dealerships then come from the operator, and
  // people join existing ones by invitation (acceptInvitation does not pass here).
  if (!getEnv().ALLOW_SIGNUP) throw new AppError("forbidden", SIGN_UP_CLOSED);
  if (meta.ip) await consumeRateLimit(`sign-up:ip:${meta.ip}`, SIGN_UP_LIMIT_PER_IP);
  const passwordHash = await hashPassword(input.password);
  const verificationToken = generateToken();
  // withSystem: the dealership does not exist yet, and the e-mail must be unique across all dealerships.
  const created = await withSystem(async (tx) => {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    if (taken) throw emailTaken();
    const dealership = await insertDealership(tx, { name: input.dealershipName, email: input.email });
    const [user] = await tx
      .insert(users)
      .values({
        dealershipId: dealership.id,
        email: input.email,
        name: input.name,
        role: "admin",
        passwordHash,
        // Unverified until the user types the SMS code on My profile.
        phone: input.phone ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!user) throw emailTaken(); // lost a race with a concurrent sign-up
    await tx.insert(authTokens).values({
      dealershipId: dealership.id,
      userId: user.id,
      purpose: "email_verification",
      tokenHash: hashToken(verificationToken),
      expiresAt: sql`now() + make_interval(hours => ${VERIFICATION_TTL_HOURS})`,
    });
    await recordAudit(tx, {
      dealershipId: dealership.id,
      actorType: "user",
      actorUserId: user.id,
      action: "dealership.created",
      ip: meta.ip,
    });
    return { dealership, user };
  });
  await sendVerificationEmail(
    { dealershipId: created.dealership.id, email: created.user.email, name: created.user.name },
    verificationToken,
  );
  const sessionToken = await createSession(created.user, meta);
  return { ...created, sessionToken };
}

export const SIGN_UP_CLOSED =
  "Registrering av nye forhandlere er stengt. Be om en invitasjon fra forhandleren din.";

const emailTaken = () =>
  new AppError("conflict", "Det finnes allerede en bruker med denne e-postadressen", {
    fieldErrors: { email: ["Det finnes allerede en bruker med denne e-postadressen"] },
  });
