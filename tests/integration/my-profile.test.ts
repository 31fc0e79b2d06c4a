import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessions } from "../../db/schema/auth.ts";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, outboxMessages } from "../../db/schema/operations.ts";
import { phoneVerifications, users } from "../../db/schema/users.ts";
import { acceptInvitation, createInvitation } from "../../lib/auth/invitations.ts";
import { verifyPassword } from "../../lib/auth/password.ts";
import { acceptInvitationInput, signUpInput } from "../../lib/auth/schemas.ts";
import { signUp } from "../../lib/auth/sign-up.ts";
import { fieldErrorsOf } from "../../lib/errors.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { createSession, findSessionByToken } from "../../lib/auth/sessions.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { notifyWaitingLeads } from "../../lib/messaging/notify-waiting-leads.ts";
import { sendDailySummaries } from "../../lib/messaging/send-daily-summaries.ts";
import { resetRateLimit } from "../../lib/rate-limit.ts";
import { getMyProfile } from "../../lib/users/get-my-profile.ts";
import { TEST_PASSWORD, createTestLead, createTestTenant, type TestTenant } from "../helpers/factories.ts";

// The real server actions of My profile through tenantAction; only Next's request context is replaced:
// who is signed in, the session cookie, cache revalidation and the cookie jar.
let signedIn: Session | null = null;
let cookieToken: string | null = null;
const deletedCookies: string[] = [];
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
  getSessionToken: async () => cookieToken,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ delete: (name: string) => deletedCookies.push(name), get: () => undefined }),
}));
const actions = await import("../../app/(dashboard)/settings/me/actions.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Profil AS");
  vestland = await createTestTenant("Vestland Profil AS");
});
afterAll(() => closeDb());

const userRow = async (s: Session) =>
  (
    await withTenant(s.dealershipId, (tx) =>
      tx
        .select()
        .from(users)
        .where(and(eq(users.id, s.userId), eq(users.dealershipId, s.dealershipId))),
    )
  )[0]!;

/** The code from the last SMS to `to` in the outbox (the dev SMS adapter). */
async function codeSentTo(s: Session, to: string): Promise<string> {
  const [sms] = await withTenant(s.dealershipId, (tx) =>
    tx
      .select({ body: outboxMessages.bodyText })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.channel, "sms")))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1),
  );
  return /\b(\d{6})\b/.exec(sms!.body)![1]!;
}

const clearCodeLimits = async (s: Session) => {
  await resetRateLimit(`phone-code:min:${s.userId}`);
  await resetRateLimit(`phone-code:hour:${s.userId}`);
};

describe("name", () => {
  it("a rep changes their own name; audited", async () => {
    signedIn = await fjordbil.as("sales_rep");
    expect(await actions.updateMyNameAction(null, { name: "  Ola Nordmann-Ås  " })).toMatchObject({
      ok: true,
    });
    expect((await userRow(signedIn)).name).toBe("Ola Nordmann-Ås");
    const [audit] = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, signedIn!.userId), eq(auditLog.action, "user.name_changed"))),
    );
    expect(audit).toBeDefined();
  });

  it.each([
    ["", "Navn må fylles ut"],
    ["x".repeat(101), "Navnet kan ha maks 100 tegn"],
    ["<script>alert(1)</script>", expect.any(String)],
    ["Ola 😀", expect.any(String)],
    ["Ola\u202Eevil", expect.any(String)],
  ])("refuses %j with a field error", async (name, message) => {
    signedIn = await fjordbil.as("admin");
    expect(await actions.updateMyNameAction(null, { name })).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.arrayContaining([message]) },
    });
  });

  it("is not available in Clerk mode", async () => {
    signedIn = { ...(await fjordbil.as("admin")), via: "clerk" };
    expect(await actions.updateMyNameAction(null, { name: "Navn" })).toMatchObject({ ok: false });
  });
});

describe("phone verification", () => {
  it("number → SMS code in the outbox → verified; only the hash is stored", async () => {
    signedIn = await fjordbil.as("sales_rep");
    const sent = await actions.startPhoneVerificationAction(null, { phone: "912 34 501" });
    expect(sent).toEqual({ ok: true, data: { phone: "+4791234501" } });
    const code = await codeSentTo(signedIn, "+4791234501");
    const [open] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(phoneVerifications).where(eq(phoneVerifications.userId, signedIn!.userId)),
    );
    expect(open!.codeHash).not.toContain(code);
    expect(open!.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await userRow(signedIn)).phoneVerifiedAt).toBeNull();
    expect(await actions.confirmPhoneAction(null, { code })).toEqual({
      ok: true,
      data: { phone: "+4791234501" },
    });
    const user = await userRow(signedIn);
    expect(user.phone).toBe("+4791234501");
    expect(user.phoneVerifiedAt).toBeInstanceOf(Date);
    expect((await getMyProfile(signedIn))!.pendingPhone).toBeNull();
  });

  it("changing the number clears the verification until the new code is typed", async () => {
    signedIn = await fjordbil.as("sales_rep");
    await actions.startPhoneVerificationAction(null, { phone: "+4791234502" });
    await actions.confirmPhoneAction(null, { code: await codeSentTo(signedIn, "+4791234502") });
    await clearCodeLimits(signedIn);
    expect(await actions.startPhoneVerificationAction(null, { phone: "41234503" })).toMatchObject({
      ok: true,
    });
    const user = await userRow(signedIn);
    expect(user).toMatchObject({ phone: "+4741234503", phoneVerifiedAt: null });
  });

  it.each([
    ["", "Skriv inn et mobilnummer"],
    ["abc", "Ugyldig mobilnummer"],
    ["22 33 44 55", "Det ser ikke ut som et mobilnummer"],
    ["9".repeat(40), "Nummeret er for langt"],
  ])("refuses the number %j with a field error", async (phone, message) => {
    signedIn = await fjordbil.as("sales_rep");
    expect(await actions.startPhoneVerificationAction(null, { phone })).toMatchObject({
      ok: false,
      fieldErrors: { phone: [message] },
    });
  });

  it("a wrong code uses a try, the fifth kills the code; a malformed code is a field error", async () => {
    signedIn = await fjordbil.as("sales_rep");
    await actions.startPhoneVerificationAction(null, { phone: "+4791234504" });
    const code = await codeSentTo(signedIn, "+4791234504");
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await actions.confirmPhoneAction(null, { code: "12ab" })).toMatchObject({
      ok: false,
      fieldErrors: { code: ["Koden er seks sifre"] },
    });
    for (let left = 4; left >= 1; left--)
      expect(await actions.confirmPhoneAction(null, { code: wrong })).toMatchObject({
        ok: false,
        fieldErrors: { code: [`Feil kode. ${left} forsøk igjen.`] },
      });
    expect(await actions.confirmPhoneAction(null, { code: wrong })).toMatchObject({
      fieldErrors: { code: ["For mange feil forsøk. Send en ny kode."] },
    });
    // Even the right code is no good now.
    expect(await actions.confirmPhoneAction(null, { code })).toMatchObject({
      fieldErrors: { code: ["Ingen aktiv kode. Send en ny kode."] },
    });
    expect((await userRow(signedIn)).phoneVerifiedAt).toBeNull();
  });

  it("an expired code is refused", async () => {
    signedIn = await fjordbil.as("sales_rep");
    await actions.startPhoneVerificationAction(null, { phone: "+4791234505" });
    const code = await codeSentTo(signedIn, "+4791234505");
    await withTenant(fjordbil.id, (tx) =>
      tx
        .update(phoneVerifications)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(phoneVerifications.userId, signedIn!.userId)),
    );
    expect(await actions.confirmPhoneAction(null, { code })).toMatchObject({
      fieldErrors: { code: ["Koden er utløpt. Send en ny kode."] },
    });
  });

  it("a new code replaces the old one, at most once a minute", async () => {
    signedIn = await fjordbil.as("sales_rep");
    await actions.startPhoneVerificationAction(null, { phone: "+4791234506" });
    const first = await codeSentTo(signedIn, "+4791234506");
    expect(await actions.startPhoneVerificationAction(null, { phone: "+4791234506" })).toEqual({
      ok: false,
      error: "For mange forsøk. Vent litt og prøv igjen.",
    });
    await resetRateLimit(`phone-code:min:${signedIn.userId}`);
    await actions.startPhoneVerificationAction(null, { phone: "+4791234506" });
    const second = await codeSentTo(signedIn, "+4791234506");
    if (first !== second)
      expect(await actions.confirmPhoneAction(null, { code: first })).toMatchObject({ ok: false });
    expect(await actions.confirmPhoneAction(null, { code: second })).toMatchObject({ ok: true });
  });

  it("a user's code cannot be used by another user, in the same or another dealership", async () => {
    const owner = await fjordbil.as("sales_rep");
    signedIn = owner;
    await actions.startPhoneVerificationAction(null, { phone: "+4791234507" });
    const code = await codeSentTo(owner, "+4791234507");
    for (const other of [await fjordbil.as("admin"), await vestland.as("admin")]) {
      signedIn = other;
      expect(await actions.confirmPhoneAction(null, { code })).toMatchObject({ ok: false });
      expect((await userRow(other)).phone).toBeNull();
    }
    expect(await userRow(owner)).toMatchObject({ phoneVerifiedAt: null });
  });
});

describe("password and sessions", () => {
  it("changing the password needs the current one, ends other sessions and keeps this one", async () => {
    signedIn = await fjordbil.as("manager");
    const user = { id: signedIn.userId, dealershipId: fjordbil.id };
    const here = await createSession(user, { userAgent: "Chrome/120 Mac OS X", ip: "10.0.0.1" });
    const phone = await createSession(user, { userAgent: "Safari/605 iPhone" });
    cookieToken = here;
    expect(
      await actions.changePasswordAction(null, {
        currentPassword: "feil-passord-123",
        newPassword: "nytt-passord-123",
        confirmPassword: "nytt-passord-123",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["Feil passord"] } });
    expect(
      await actions.changePasswordAction(null, {
        currentPassword: TEST_PASSWORD,
        newPassword: "kort",
        confirmPassword: "annet",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        newPassword: ["Passordet må ha minst 10 tegn"],
        confirmPassword: ["Passordene er ikke like"],
      },
    });
    expect(
      await actions.changePasswordAction(null, {
        currentPassword: TEST_PASSWORD,
        newPassword: "nytt-passord-123",
        confirmPassword: "nytt-passord-123",
      }),
    ).toEqual({ ok: true, data: { otherSessionsEnded: 1 } });
    expect(await verifyPassword("nytt-passord-123", (await userRow(signedIn)).passwordHash!)).toBe(true);
    expect(await findSessionByToken(here)).not.toBeNull();
    expect(await findSessionByToken(phone)).toBeNull();
    cookieToken = null;
  });

  it("lists only the user's own sessions, marks this one, and ends one of them", async () => {
    signedIn = await fjordbil.as("sales_rep");
    const colleague = await fjordbil.as("sales_rep");
    const here = await createSession(
      { id: signedIn.userId, dealershipId: fjordbil.id },
      { userAgent: "Firefox/1 Linux" },
    );
    await createSession(
      { id: signedIn.userId, dealershipId: fjordbil.id },
      { userAgent: "Chrome/1 Android" },
    );
    const theirs = await createSession({ id: colleague.userId, dealershipId: fjordbil.id });
    const profile = (await getMyProfile(signedIn, here))!;
    expect(profile.sessions).toHaveLength(2);
    expect(profile.sessions.filter((s) => s.current)).toHaveLength(1);
    const other = profile.sessions.find((s) => !s.current)!;
    expect(await actions.revokeSessionAction(null, { id: other.id })).toEqual({
      ok: true,
      data: { id: other.id },
    });
    expect((await getMyProfile(signedIn, here))!.sessions).toHaveLength(1);
    // A colleague's session, or another dealership's, is not found.
    const [colleagueSession] = await withTenant(fjordbil.id, (tx) =>
      tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, colleague.userId)),
    );
    expect(await actions.revokeSessionAction(null, { id: colleagueSession!.id })).toEqual({
      ok: false,
      error: "Fant ikke økten",
    });
    signedIn = await vestland.as("admin");
    expect(await actions.revokeSessionAction(null, { id: colleagueSession!.id })).toEqual({
      ok: false,
      error: "Fant ikke økten",
    });
    expect(await findSessionByToken(theirs)).not.toBeNull();
    expect(await actions.revokeSessionAction(null, { id: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { id: [expect.any(String)] },
    });
  });

  it("log out everywhere ends every session of the user, this one included, and no one else's", async () => {
    signedIn = await fjordbil.as("admin");
    const colleague = await fjordbil.as("admin");
    const mine = [
      await createSession({ id: signedIn.userId, dealershipId: fjordbil.id }),
      await createSession({ id: signedIn.userId, dealershipId: fjordbil.id }),
    ];
    const theirs = await createSession({ id: colleague.userId, dealershipId: fjordbil.id });
    await expect(actions.logOutEverywhereAction(null, {})).rejects.toThrow(/NEXT_REDIRECT/);
    for (const token of mine) expect(await findSessionByToken(token)).toBeNull();
    expect(await findSessionByToken(theirs)).not.toBeNull();
    expect(deletedCookies).toContain("norvalt_session");
  });
});

describe("notification preferences", () => {
  const form = {
    sms: "on",
    email: "on",
    "new_lead.sms": "on",
    "customer_replied.sms": "on",
    "customer_replied.email": "on",
    "daily_summary.email": "on",
    quietHoursEnabled: "on",
    quietStart: "22:00",
    quietEnd: "07:00",
  } as const;

  it("stores the switches per event and channel and the quiet hours", async () => {
    signedIn = await fjordbil.as("sales_rep");
    const data = new FormData();
    for (const [k, v] of Object.entries(form)) data.set(k, v);
    expect(await actions.updateNotificationPreferencesAction(null, data)).toEqual({
      ok: true,
      data: { saved: true },
    });
    expect((await userRow(signedIn)).notificationPreferences).toEqual({
      sms: true,
      email: true,
      events: {
        new_lead: { sms: true, email: false },
        customer_replied: { sms: true, email: true },
        lead_waiting: { sms: false, email: false },
        daily_summary: { sms: false, email: true },
      },
      quietHours: { start: "22:00", end: "07:00" },
    });
  });

  it.each([
    [{ quietStart: "25:00" }, "quietStart"],
    [{ quietEnd: "7" }, "quietEnd"],
    [{ quietStart: "<b>", quietEnd: "07:00" }, "quietStart"],
    [{ quietStart: "07:00", quietEnd: "07:00" }, "quietEnd"],
  ])("refuses quiet hours %j with a field error", async (override, field) => {
    signedIn = await fjordbil.as("sales_rep");
    const result = await actions.updateNotificationPreferencesAction(null, { ...form, ...override });
    expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
  });

  it("quiet hours off stores null", async () => {
    signedIn = await fjordbil.as("sales_rep");
    const { quietHoursEnabled: _q, ...rest } = form;
    expect(
      await actions.updateNotificationPreferencesAction(null, { ...rest, quietStart: "junk" }),
    ).toMatchObject({ ok: true });
    expect((await userRow(signedIn)).notificationPreferences.quietHours).toBeNull();
  });
});

describe("notifyRep honours the rep's choices", () => {
  async function repWithLead(prefs: object | null, phoneVerified = true) {
    const rep = await fjordbil.as("sales_rep");
    await withTenant(fjordbil.id, (tx) =>
      tx
        .update(users)
        .set({
          phone: "+4790011223",
          phoneVerifiedAt: phoneVerified ? new Date() : null,
          ...(prefs && { notificationPreferences: prefs as never }),
        })
        .where(eq(users.id, rep.userId)),
    );
    const lead = await createTestLead(fjordbil.id, { assignedTo: rep.userId, leadScore: 50 });
    return { rep, lead };
  }

  it("an unverified phone is not texted", async () => {
    const { lead } = await repWithLead(null, false);
    expect(await notifyRep({ dealershipId: fjordbil.id }, { leadId: lead.id, reason: "new_lead" })).toEqual({
      status: "skipped",
      reason: "rep_phone_unverified",
    });
  });

  it("the event's switches decide: new lead by e-mail only", async () => {
    const { lead } = await repWithLead({
      sms: true,
      email: true,
      events: { new_lead: { sms: false, email: true } },
    });
    expect(await notifyRep({ dealershipId: fjordbil.id }, { leadId: lead.id, reason: "new_lead" })).toEqual({
      status: "sent",
      channels: ["email"],
    });
    expect(await notifyRep({ dealershipId: fjordbil.id }, { leadId: lead.id, reason: "merged" })).toEqual({
      status: "sent",
      channels: ["email"],
    });
  });

  it("the master switch beats the event's", async () => {
    const { lead } = await repWithLead({
      sms: false,
      email: false,
      events: { new_lead: { sms: true, email: true } },
    });
    expect(
      await notifyRep({ dealershipId: fjordbil.id }, { leadId: lead.id, reason: "draft_ready" }),
    ).toMatchObject({
      status: "skipped",
    });
  });

  it("quiet hours hold the SMS", async () => {
    const { lead } = await repWithLead({
      sms: true,
      email: false,
      quietHours: { start: "00:00", end: "23:59" },
    });
    const now = new Date("2026-06-10T12:00:00Z");
    expect(
      await notifyRep({ dealershipId: fjordbil.id }, { leadId: lead.id, reason: "new_lead" }, now),
    ).toMatchObject({
      status: "held",
      reason: "quiet_hours",
    });
  });
});

describe("rep.lead-waiting cron", () => {
  it("tells each due rep once per lead, by their lead_waiting switches", async () => {
    const d = await createTestTenant("Ventebil AS");
    const rep = await d.as("sales_rep");
    await withTenant(d.id, (tx) =>
      tx
        .update(users)
        .set({ phone: "+4790099887", phoneVerifiedAt: new Date() })
        .where(eq(users.id, rep.userId)),
    );
    const old = new Date(Date.now() - 45 * 60_000);
    const waiting = await createTestLead(d.id, {
      assignedTo: rep.userId,
      createdAt: old,
      customerName: "Vera Venter",
    });
    const fresh = await createTestLead(d.id, { assignedTo: rep.userId });
    const unassigned = await createTestLead(d.id, { createdAt: old });
    const closed = await createTestLead(d.id, { assignedTo: rep.userId, createdAt: old, status: "won" });
    await notifyWaitingLeads(undefined, d.id);
    await notifyWaitingLeads(undefined, d.id);
    const sms = await withTenant(d.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "+4790099887")),
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]!.bodyText).toContain("Vera Venter");
    const events = await withSystem((tx) =>
      tx
        .select({ leadId: leadEvents.leadId })
        .from(leadEvents)
        .where(eq(leadEvents.type, "rep.lead_waiting")),
    );
    const ids = events.map((e) => e.leadId);
    expect(ids).toContain(waiting.id);
    for (const lead of [fresh, unassigned, closed]) expect(ids).not.toContain(lead.id);
    void leads;
  });

  it("a rep who turned lead_waiting off gets nothing", async () => {
    const d = await createTestTenant("Stillebil AS");
    const rep = await d.as("sales_rep");
    await withTenant(d.id, (tx) =>
      tx
        .update(users)
        .set({
          phone: "+4790099886",
          phoneVerifiedAt: new Date(),
          notificationPreferences: {
            sms: true,
            email: true,
            events: { lead_waiting: { sms: false, email: false } },
          },
        })
        .where(eq(users.id, rep.userId)),
    );
    await createTestLead(d.id, { assignedTo: rep.userId, createdAt: new Date(Date.now() - 45 * 60_000) });
    await notifyWaitingLeads(undefined, d.id);
    const sent = await withTenant(d.id, (tx) => tx.select().from(outboxMessages));
    expect(sent).toHaveLength(0);
  });
});

describe("rep.daily-summary cron", () => {
  it("sends yesterday's numbers once per user and day, to those who want it, by their channels", async () => {
    const d = await createTestTenant("Morgenbil AS");
    const rep = await d.as("sales_rep");
    const quiet = await d.as("sales_rep");
    const manager = await d.as("manager");
    await withTenant(d.id, async (tx) => {
      await tx
        .update(users)
        .set({
          phone: "+4790077661",
          phoneVerifiedAt: new Date(),
          notificationPreferences: {
            sms: true,
            email: true,
            events: { daily_summary: { sms: true, email: false } },
          },
        })
        .where(eq(users.id, rep.userId));
      await tx
        .update(users)
        .set({ notificationPreferences: { sms: true, email: false } })
        .where(eq(users.id, quiet.userId));
    });
    const now = new Date("2026-06-10T06:00:00Z"); // 08:00 in Oslo
    const yesterday = new Date("2026-06-09T10:00:00Z");
    await createTestLead(d.id, { assignedTo: rep.userId, createdAt: yesterday, firstResponseAt: yesterday });
    await createTestLead(d.id, { assignedTo: rep.userId, createdAt: yesterday });
    await createTestLead(d.id, { createdAt: new Date("2026-06-07T10:00:00Z"), status: "lost" });
    await sendDailySummaries(now, d.id);
    await sendDailySummaries(now, d.id);
    const sent = await withTenant(d.id, (tx) =>
      tx
        .select({
          to: outboxMessages.toAddress,
          channel: outboxMessages.channel,
          body: outboxMessages.bodyText,
        })
        .from(outboxMessages),
    );
    const toRep = sent.filter((m) => m.to === "+4790077661");
    expect(toRep).toHaveLength(1);
    expect(toRep[0]!.body).toContain("2 nye leads, 1 besvart");
    expect(toRep[0]!.body).toContain("2 åpne leads venter på deg");
    expect(sent.filter((m) => m.to === manager.email)).toHaveLength(1);
    expect(sent.filter((m) => m.to === manager.email)[0]!.body).toContain(
      "I går (Morgenbil AS): 2 nye leads",
    );
    expect(sent.filter((m) => m.to === quiet.email)).toHaveLength(0);
    expect(sent.filter((m) => m.to === rep.email)).toHaveLength(0);
  });
});

describe("sign-up and invitation take an optional mobile number, unverified", () => {
  it("sign-up stores it as E.164 without verification; a bad number is a field error; empty is fine", async () => {
    const base = {
      dealershipName: "Telefonbil AS",
      name: "Tone Telefon",
      email: `tone-${Date.now()}@telefonbil.no`,
      password: "langt-passord-1",
    };
    expect(signUpInput.safeParse({ ...base, phone: "" }).data?.phone).toBeNull();
    expect(fieldErrorsOf(signUpInput.safeParse({ ...base, phone: "12" }).error!)).toEqual({
      phone: ["Ugyldig mobilnummer"],
    });
    const { user } = await signUp(signUpInput.parse({ ...base, phone: "912 34 599" }));
    expect(user).toMatchObject({ phone: "+4791234599", phoneVerifiedAt: null });
  });

  it("accepting an invitation stores it the same way", async () => {
    const admin = await fjordbil.as("admin");
    const email = `inv-${Date.now()}@fjordbil.no`;
    const { token } = await createInvitation(admin, { email, role: "sales_rep" });
    const input = acceptInvitationInput.parse({
      token,
      name: "Ivar Invitert",
      password: "langt-passord-1",
      phone: "+47 412 34 599",
    });
    const { user } = await acceptInvitation(input);
    expect(user).toMatchObject({ phone: "+4741234599", phoneVerifiedAt: null });
  });
});
