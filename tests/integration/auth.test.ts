import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { apiKeys, authTokens, invitations, sessions } from "../../db/schema/auth.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { users } from "../../db/schema/users.ts";
import { authenticateApiKey, createApiKey, revokeApiKey } from "../../lib/auth/api-keys.ts";
import {
  acceptInvitation,
  createInvitation,
  findOpenInvitation,
  revokeInvitation,
} from "../../lib/auth/invitations.ts";
import { INVALID_CREDENTIALS, logIn } from "../../lib/auth/log-in.ts";
import { delayAfter, loginThrottles } from "../../lib/auth/throttle-login.ts";
import { logInWithLink, requestSignInLink, sendSignInLink } from "../../lib/auth/sign-in-link.ts";
import {
  requestPasswordReset,
  resetPassword,
  sendPasswordReset,
  verifyEmail,
} from "../../lib/auth/password-reset.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { findSessionByToken, revokeSessionByToken } from "../../lib/auth/sessions.ts";
import { signUp } from "../../lib/auth/sign-up.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestUser, TEST_PASSWORD } from "../helpers/factories.ts";

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}@forhandler.no`;

/** The links we e-mail, read back from the dev outbox the way a user would click them. */
async function lastLinkSentTo(dealershipId: string, to: string, path: string): Promise<string> {
  const [message] = await withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.toAddress, to)))
      .orderBy(sql`created_at desc`)
      .limit(1),
  );
  const match = message?.bodyText.match(new RegExp(`${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link e-mailed to ${to}`);
  return match[1]!;
}

async function sessionFor(user: {
  id: string;
  dealershipId: string;
  role: Session["role"];
  name: string;
  email: string;
}): Promise<Session> {
  return {
    userId: user.id,
    dealershipId: user.dealershipId,
    role: user.role,
    name: user.name,
    email: user.email,
    dealershipName: "Test",
    via: "builtin",
  };
}

describe("sign-up", () => {
  it("creates the dealership, its admin, a session and a verification e-mail", async () => {
    const email = uniqueEmail("eier");
    const result = await signUp({
      dealershipName: "Nordlys Bil AS",
      name: "Eva Eier",
      email,
      password: "et-langt-passord",
    });
    expect(result.user).toMatchObject({ email, role: "admin", dealershipId: result.dealership.id });
    expect(result.dealership.slug).toMatch(/^nordlys-bil-as/);
    expect(result.dealership.formKey).toMatch(/^fk-[0-9a-f]{24}$/);
    expect(result.user.passwordHash).toMatch(/^scrypt\$/);
    expect(await findSessionByToken(result.sessionToken)).toMatchObject({
      userId: result.user.id,
      role: "admin",
      dealershipName: "Nordlys Bil AS",
    });

    const token = await lastLinkSentTo(result.dealership.id, email, "verify-email");
    expect(await verifyEmail(token)).toBe(true);
    expect(await verifyEmail(token)).toBe(false); // single use
    const [user] = await withTenant(result.dealership.id, (tx) =>
      tx.select().from(users).where(eq(users.id, result.user.id)),
    );
    expect(user!.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("refuses an e-mail that already has a login, with a field error", async () => {
    const email = uniqueEmail("dobbel");
    await signUp({ dealershipName: "Første AS", name: "A", email, password: "et-langt-passord" });
    await expect(
      signUp({ dealershipName: "Andre AS", name: "B", email, password: "et-langt-passord" }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: [expect.any(String)] },
    });
  });
});

describe("log in", () => {
  it("starts a session with the right password and says the same thing for every failure", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("selger") });
    const ok = await logIn({ email: u.email, password: TEST_PASSWORD });
    expect(await findSessionByToken(ok.sessionToken)).toMatchObject({ userId: u.id, dealershipId: d.id });

    await expect(logIn({ email: u.email, password: "feil-passord" })).rejects.toMatchObject({
      code: "unauthorized",
      message: INVALID_CREDENTIALS,
    });
    await expect(logIn({ email: uniqueEmail("ukjent"), password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "unauthorized",
      message: INVALID_CREDENTIALS,
    });
    const inactive = await createTestUser(d.id, { email: uniqueEmail("sluttet"), isActive: false });
    await expect(logIn({ email: inactive.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "unauthorized",
      message: INVALID_CREDENTIALS,
    });
  });

  it("slows the guessing client, not the owner: ten wrong passwords from one client never lock the rep out", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("mål") });
    const attacker = { ip: "198.51.100.66" };
    for (let i = 0; i < 5; i++) {
      await expect(logIn({ email: u.email, password: `gjett-${i}` }, attacker)).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    // The sixth attempt from that client must wait, with a clear message and Retry-After.
    for (let i = 5; i < 10; i++) {
      await expect(logIn({ email: u.email, password: `gjett-${i}` }, attacker)).rejects.toMatchObject({
        code: "rate_limited",
        retryAfterSeconds: 2,
        message: expect.stringMatching(/innloggingslenke/),
      });
    }
    // The rep, from their own network, signs in at once.
    await expect(
      logIn({ email: u.email, password: TEST_PASSWORD }, { ip: "203.0.113.10" }),
    ).resolves.toMatchObject({
      userId: u.id,
    });
  });

  it("grows the delay per failure, up to the per-(account, client) cap", async () => {
    const throttles = loginThrottles("x@example.no", "198.51.100.1", 50);
    const [accountClient, client, account] = throttles;
    expect([4, 5, 6, 7, 20].map((n) => delayAfter(n, accountClient!))).toEqual([0, 2, 4, 8, 900]);
    expect(delayAfter(49, client!)).toBe(0);
    expect(delayAfter(50, client!)).toBe(2);
    // The account ceiling slows everyone a little, never for more than a minute.
    expect(delayAfter(19, account!)).toBe(0);
    expect(delayAfter(1_000, account!)).toBe(60);
    expect(loginThrottles("x@example.no", null, 50).map((t) => t.key)).toEqual([
      "login-fail:account:x@example.no",
    ]);
  });

  it("a per-account ceiling slows a distributed guess for everyone, briefly, and forgets it", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("mange") });
    for (let i = 0; i < 20; i++) {
      await expect(
        logIn({ email: u.email, password: "feil" }, { ip: `192.0.2.${i + 1}` }),
      ).rejects.toMatchObject({
        code: "unauthorized",
      });
    }
    await expect(
      logIn({ email: u.email, password: TEST_PASSWORD }, { ip: "203.0.113.20" }),
    ).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: expect.any(Number),
    });
    // Time passes (the last failure moves back past the delay): the owner is in, and the count is cleared.
    await getDb().execute(
      sql`update rate_limits set window_start = window_start - interval '61 seconds' where key = ${`login-fail:account:${u.email}`}`,
    );
    await expect(
      logIn({ email: u.email, password: TEST_PASSWORD }, { ip: "203.0.113.20" }),
    ).resolves.toMatchObject({
      userId: u.id,
    });
    const { rows } = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from rate_limits where key = ${`login-fail:account:${u.email}`}`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe("sessions", () => {
  it("rejects tampered, revoked, expired tokens and deactivated users", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id);
    const { sessionToken } = await logIn({ email: u.email, password: TEST_PASSWORD });
    expect(await findSessionByToken(sessionToken)).not.toBeNull();
    expect(
      await findSessionByToken(sessionToken.slice(0, -1) + (sessionToken.endsWith("A") ? "B" : "A")),
    ).toBeNull();
    expect(await findSessionByToken(undefined)).toBeNull();
    expect(await findSessionByToken("x".repeat(10_000))).toBeNull();

    const second = await logIn({ email: u.email, password: TEST_PASSWORD });
    await withSystem((tx) =>
      tx
        .update(sessions)
        .set({ expiresAt: sql`now() - interval '1 second'` })
        .where(eq(sessions.userId, u.id)),
    );
    expect(await findSessionByToken(second.sessionToken)).toBeNull();

    const third = await logIn({ email: u.email, password: TEST_PASSWORD });
    await revokeSessionByToken(third.sessionToken);
    expect(await findSessionByToken(third.sessionToken)).toBeNull();

    const fourth = await logIn({ email: u.email, password: TEST_PASSWORD });
    await withTenant(d.id, (tx) => tx.update(users).set({ isActive: false }).where(eq(users.id, u.id)));
    expect(await findSessionByToken(fourth.sessionToken)).toBeNull();
  });

  it("stores only a hash of the cookie token", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id);
    const { sessionToken } = await logIn({ email: u.email, password: TEST_PASSWORD });
    const rows = await withTenant(d.id, (tx) =>
      tx.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, u.id)),
    );
    expect(rows.map((r) => r.tokenHash)).not.toContain(sessionToken);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("invitations", () => {
  it("lets an admin invite a rep who accepts, logs in and belongs to the dealership only", async () => {
    const d = await createTestDealership();
    const admin = await createTestUser(d.id, { role: "admin" });
    const email = uniqueEmail("ny-selger");
    const { token } = await createInvitation(await sessionFor(admin), { email, role: "sales_rep" });
    expect(await lastLinkSentTo(d.id, email, "invite")).toBe(token);
    expect(await findOpenInvitation(token)).toMatchObject({ email, role: "sales_rep", dealershipId: d.id });

    const { user, sessionToken } = await acceptInvitation({
      token,
      name: "Nina Ny",
      password: "et-langt-passord",
    });
    expect(user).toMatchObject({ email, role: "sales_rep", dealershipId: d.id });
    expect(await findSessionByToken(sessionToken)).toMatchObject({
      userId: user.id,
      dealershipId: d.id,
      role: "sales_rep",
    });
    await expect(
      acceptInvitation({ token, name: "Igjen", password: "et-langt-passord" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses expired and revoked links and forbids escalation", async () => {
    const d = await createTestDealership();
    const manager = await createTestUser(d.id, { role: "manager" });
    const rep = await createTestUser(d.id, { role: "sales_rep" });
    await expect(
      createInvitation(await sessionFor(manager), { email: uniqueEmail("x"), role: "admin" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createInvitation(await sessionFor(rep), { email: uniqueEmail("x"), role: "sales_rep" }),
    ).rejects.toMatchObject({ code: "forbidden" });

    const { token, invitation } = await createInvitation(await sessionFor(manager), {
      email: uniqueEmail("sen"),
      role: "sales_rep",
    });
    await withTenant(d.id, (tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: sql`now() - interval '1 minute'` })
        .where(eq(invitations.id, invitation.id)),
    );
    expect(await findOpenInvitation(token)).toBeNull();
    await expect(
      acceptInvitation({ token, name: "For sent", password: "et-langt-passord" }),
    ).rejects.toMatchObject({ code: "not_found" });

    const revoked = await createInvitation(await sessionFor(manager), {
      email: uniqueEmail("angret"),
      role: "sales_rep",
    });
    await revokeInvitation(await sessionFor(manager), revoked.invitation.id);
    expect(await findOpenInvitation(revoked.token)).toBeNull();
    await expect(
      acceptInvitation({ token: revoked.token, name: "Trukket", password: "et-langt-passord" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("password reset", () => {
  it("sends a single-use link, changes the password and logs out every session", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("glemsk") });
    const { sessionToken } = await logIn({ email: u.email, password: TEST_PASSWORD });
    await requestPasswordReset(u.email); // queues the job, whatever the address
    await requestPasswordReset(uniqueEmail("finnes-ikke"));
    await sendPasswordReset(u.email); // what the job does
    await sendPasswordReset(uniqueEmail("finnes-ikke")); // no error, no mail: reveals nothing
    const token = await lastLinkSentTo(d.id, u.email, "reset-password");

    await resetPassword(token, "helt-nytt-passord");
    expect(await findSessionByToken(sessionToken)).toBeNull();
    await expect(logIn({ email: u.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "unauthorized",
    });
    expect((await logIn({ email: u.email, password: "helt-nytt-passord" })).sessionToken).toBeTruthy();
    await expect(resetPassword(token, "enda-et-passord")).rejects.toMatchObject({ code: "not_found" });
    const [{ n }] = (await withTenant(d.id, (tx) =>
      tx.select({ n: count() }).from(authTokens).where(eq(authTokens.userId, u.id)),
    )) as [{ n: number }];
    expect(n).toBe(1);
  });
});

describe("sign-in link", () => {
  it("lets the owner in while password guessing has slowed the account, once per link", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("lenke") });
    // Someone hammers the account from many addresses: passwords are slowed for everyone for a while.
    for (let i = 0; i < 20; i++)
      await expect(
        logIn({ email: u.email, password: "feil" }, { ip: `192.0.2.${100 + i}` }),
      ).rejects.toBeTruthy();
    await expect(
      logIn({ email: u.email, password: TEST_PASSWORD }, { ip: "203.0.113.30" }),
    ).rejects.toMatchObject({
      code: "rate_limited",
    });
    await requestSignInLink(u.email);
    const queued = await withSystem(async (tx) => {
      const { rows } = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'auth.sign-in-link' and data->>'email' = ${u.email}`,
      );
      return rows[0]!.n;
    });
    expect(queued).toBe(1);
    await sendSignInLink(u.email); // what the job does
    await sendSignInLink(uniqueEmail("finnes-ikke")); // no error, no mail
    const token = await lastLinkSentTo(d.id, u.email, "sign-in/link");
    const signedIn = await logInWithLink(token, { ip: "203.0.113.30" });
    expect(signedIn.userId).toBe(u.id);
    expect((await findSessionByToken(signedIn.sessionToken))?.userId).toBe(u.id);
    await expect(logInWithLink(token)).rejects.toMatchObject({ code: "not_found" });
    await expect(logInWithLink("x".repeat(43))).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a link for a user deactivated since it was sent", async () => {
    const d = await createTestDealership();
    const u = await createTestUser(d.id, { email: uniqueEmail("sluttet-lenke") });
    await sendSignInLink(u.email);
    const token = await lastLinkSentTo(d.id, u.email, "sign-in/link");
    await withTenant(d.id, (tx) => tx.update(users).set({ isActive: false }).where(eq(users.id, u.id)));
    await expect(logInWithLink(token)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("API keys", () => {
  it("authenticates as the dealership until revoked, storing only a hash", async () => {
    const d = await createTestDealership();
    const admin = await createTestUser(d.id, { role: "admin" });
    const session = await sessionFor(admin);
    const { key, id, prefix } = await createApiKey(session, "Nettside");
    expect(key).toMatch(/^nv_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 11));
    expect(await authenticateApiKey(key)).toEqual({ apiKeyId: id, dealershipId: d.id, via: "api_key" });
    expect(await authenticateApiKey(key + "x")).toBeNull();
    expect(await authenticateApiKey("not-a-key")).toBeNull();
    const stored = await withTenant(d.id, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, id)));
    expect(JSON.stringify(stored)).not.toContain(key);

    const other = await createTestDealership();
    const otherAdmin = await createTestUser(other.id, { role: "admin" });
    await expect(revokeApiKey(await sessionFor(otherAdmin), id)).rejects.toMatchObject({ code: "not_found" });
    expect(await authenticateApiKey(key)).not.toBeNull();

    await revokeApiKey(session, id);
    expect(await authenticateApiKey(key)).toBeNull();
  });
});
