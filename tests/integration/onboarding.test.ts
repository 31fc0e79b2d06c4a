import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authTokens } from "../../db/schema/auth.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { emails } from "../../db/schema/emails.ts";
import { facebookPages } from "../../db/schema/facebook.ts";
import { auditLog, outboxMessages, webhookRequests } from "../../db/schema/operations.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { acceptInvitation, createInvitation } from "../../lib/auth/invitations.ts";
import { verifyEmail } from "../../lib/auth/password-reset.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { SIGN_UP_CLOSED, signUp } from "../../lib/auth/sign-up.ts";
import { generateToken, hashToken } from "../../lib/auth/tokens.ts";
import { closeDb } from "../../lib/db/client.ts";
import { encryptSecret } from "../../lib/security/encrypt-secret.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { getOnboardingChecklist } from "../../lib/onboarding/get-onboarding-checklist.ts";
import { BUSINESS_HOURS_AUDIT_ACTION } from "../../lib/onboarding/onboarding-steps.ts";
import { createTestLead, createTestTenant, createTestUser, type TestTenant } from "../helpers/factories.ts";

// The operator switch is read through getEnv(); the test flips it without rebuilding the cached environment.
let allowSignUp = true;
vi.mock(import("../../env.ts"), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, getEnv: () => ({ ...actual.getEnv(), ALLOW_SIGNUP: allowSignUp }) };
});
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Outside a request: no client address to read.
vi.mock(import("../../lib/edge/request-meta.ts"), async (importOriginal) => ({
  ...(await importOriginal()),
  getRequestMeta: async () => ({}),
}));
const settings = await import("../../app/(dashboard)/settings/actions.ts");

let shop: TestTenant;
beforeAll(async () => {
  shop = await createTestTenant("Startbil AS");
});
afterAll(() => closeDb());

const checklistOf = (t: TestTenant) => getOnboardingChecklist({ dealershipId: t.id });
const done = async (t: TestTenant) =>
  Object.fromEntries((await checklistOf(t)).steps.map((s) => [s.key, s.done]));

describe("onboarding: each step is detected from real rows", () => {
  it("a new dealership has done nothing, and the checklist is shown", async () => {
    const fresh = await createTestTenant("Helt Ny AS");
    const checklist = await checklistOf(fresh);
    expect(checklist).toMatchObject({ done: 0, total: 7, dismissed: false, visible: true });
    expect(checklist.steps.map((s) => s.href)).toContain("/settings/team");
  });

  it("a test lead ticks only the test-lead step; a real website lead or form request ticks the form", async () => {
    await createTestLead(shop.id, { source: "website", isTest: true });
    expect(await done(shop)).toMatchObject({ testLead: true, websiteForm: false });
    // A failed or test form request does not count either.
    await withTenant(shop.id, (tx) =>
      tx
        .insert(webhookRequests)
        .values({ dealershipId: shop.id, source: "form", method: "POST", path: "/x", statusCode: 400 }),
    );
    expect((await done(shop)).websiteForm).toBe(false);
    await withTenant(shop.id, (tx) =>
      tx
        .insert(webhookRequests)
        .values({ dealershipId: shop.id, source: "form", method: "POST", path: "/x", statusCode: 201 }),
    );
    expect((await done(shop)).websiteForm).toBe(true);
    const other = await createTestTenant("Skjema AS");
    await createTestLead(other.id, { source: "website" });
    expect((await done(other)).websiteForm).toBe(true);
  });

  it("forwarded e-mail counts, an uploaded one does not", async () => {
    const insertEmail = (intake: "upload" | "sendgrid_raw") =>
      withTenant(shop.id, (tx) =>
        tx.insert(emails).values({
          dealershipId: shop.id,
          messageId: `<${randomUUID()}@test>`,
          intake,
          rawContentType: "message/rfc822",
          raw: Buffer.from("x"),
          sizeBytes: 1,
        }),
      );
    await insertEmail("upload");
    expect((await done(shop)).emailForwarding).toBe(false);
    await insertEmail("sendgrid_raw");
    expect((await done(shop)).emailForwarding).toBe(true);
  });

  it("an active Facebook Page, a vehicle", async () => {
    // Sealed like a connected Page's token: secrets:rotate (another test) reseals every stored Page.
    const pageId = `p-${randomUUID()}`;
    await withTenant(shop.id, (tx) =>
      tx.insert(facebookPages).values({
        dealershipId: shop.id,
        pageId,
        name: "Startbil",
        status: "needs_reconnect",
        accessTokenSealed: encryptSecret("test-page-token", pageId),
      }),
    );
    expect((await done(shop)).facebook).toBe(false);
    await withTenant(shop.id, (tx) =>
      tx.update(facebookPages).set({ status: "active" }).where(eq(facebookPages.dealershipId, shop.id)),
    );
    expect((await done(shop)).facebook).toBe(true);
    expect((await done(shop)).inventory).toBe(false);
    await withTenant(shop.id, (tx) =>
      tx.insert(vehicles).values({ dealershipId: shop.id, make: "Volvo", model: "XC40" }),
    );
    expect((await done(shop)).inventory).toBe(true);
  });

  it("reps: only an active sales rep with a verified phone", async () => {
    await createTestUser(shop.id, { role: "sales_rep", phone: "+4791234567", phoneVerifiedAt: null });
    await createTestUser(shop.id, {
      role: "sales_rep",
      phone: "+4791234568",
      phoneVerifiedAt: new Date(),
      isActive: false,
    });
    await createTestUser(shop.id, { role: "manager", phone: "+4791234569", phoneVerifiedAt: new Date() });
    expect((await done(shop)).reps).toBe(false);
    await createTestUser(shop.id, { role: "sales_rep", phone: "+4791234570", phoneVerifiedAt: new Date() });
    expect((await done(shop)).reps).toBe(true);
  });

  it("business hours: changed from the default, or saved (audited) even if equal to it", async () => {
    const a = await createTestTenant("Timer A AS");
    expect((await done(a)).businessHours).toBe(false);
    await withTenant(a.id, (tx) =>
      tx
        .update(dealerships)
        .set({ businessHours: sql`jsonb_set(business_hours, '{sun}', '[{"open":"12:00","close":"16:00"}]')` })
        .where(eq(dealerships.id, a.id)),
    );
    expect((await done(a)).businessHours).toBe(true);
    const b = await createTestTenant("Timer B AS");
    await withTenant(b.id, (tx) =>
      tx
        .insert(auditLog)
        .values({ dealershipId: b.id, actorType: "user", action: BUSINESS_HOURS_AUDIT_ACTION }),
    );
    expect((await done(b)).businessHours).toBe(true);
  });

  it("all seven done: the checklist is no longer shown", async () => {
    await withTenant(shop.id, (tx) =>
      tx
        .insert(auditLog)
        .values({ dealershipId: shop.id, actorType: "user", action: BUSINESS_HOURS_AUDIT_ACTION }),
    );
    expect(await checklistOf(shop)).toMatchObject({ done: 7, visible: false });
  });
});

describe("onboarding: Skjul", () => {
  it("refuses a rep and a manager; an admin hides it for their dealership only, audited", async () => {
    const a = await createTestTenant("Skjul A AS");
    const b = await createTestTenant("Skjul B AS");
    for (const role of ["sales_rep", "manager"] as const) {
      signedIn = await a.as(role);
      expect(await settings.dismissOnboardingAction(null, {})).toEqual({
        ok: false,
        error: "Du har ikke tilgang til dette",
      });
    }
    signedIn = await a.as("admin");
    expect(await settings.dismissOnboardingAction(null, {})).toEqual({ ok: true, data: { dismissed: true } });
    expect(await checklistOf(a)).toMatchObject({ dismissed: true, visible: false });
    expect(await checklistOf(b)).toMatchObject({ dismissed: false, visible: true });
    const entries = await withTenant(a.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "dealership.onboarding.dismissed")),
    );
    expect(entries).toHaveLength(1);
  });
});

describe("welcome e-mail", () => {
  const issueVerification = (dealershipId: string, userId: string) => {
    const token = generateToken();
    return withTenant(dealershipId, async (tx) => {
      await tx.insert(authTokens).values({
        dealershipId,
        userId,
        purpose: "email_verification",
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      return token;
    });
  };

  it("goes to the owner once, after their e-mail verification, with the steps and links", async () => {
    allowSignUp = true;
    const email = `eier-${randomUUID().slice(0, 8)}@velkommen.no`;
    const { dealership, user } = await signUp({
      dealershipName: "Velkommen Bil AS",
      name: "Eva Eier",
      email,
      password: "velkommen-passord-1",
    });
    const outbox = () =>
      withTenant(dealership.id, (tx) =>
        tx
          .select()
          .from(outboxMessages)
          .where(and(eq(outboxMessages.dealershipId, dealership.id), eq(outboxMessages.toAddress, email))),
      );
    const welcome = async () =>
      (await outbox()).filter((m) => m.subject?.startsWith("Velkommen til Norvalt"));
    expect(await welcome()).toHaveLength(0);
    expect(await verifyEmail(await issueVerification(dealership.id, user.id))).toBe(true);
    const [mail] = await welcome();
    expect(mail!.subject).toBe("Velkommen til Norvalt, Velkommen Bil AS");
    expect(mail!.bodyText).toContain("Inviter selgere med mobilnummer");
    expect(mail!.bodyText).toContain("/settings/team");
    expect(mail!.bodyText).toContain("Send en testlead");
    // A second verification link sends nothing more.
    expect(await verifyEmail(await issueVerification(dealership.id, user.id))).toBe(true);
    expect(await welcome()).toHaveLength(1);
    const [row] = await withTenant(dealership.id, (tx) =>
      tx.select().from(dealerships).where(eq(dealerships.id, dealership.id)),
    );
    expect(row!.welcomeEmailSentAt).toBeInstanceOf(Date);
  });

  it("is not sent when a sales rep verifies", async () => {
    const d = await createTestTenant("Ingen Velkomst AS");
    const rep = await createTestUser(d.id, { role: "sales_rep" });
    expect(await verifyEmail(await issueVerification(d.id, rep.id))).toBe(true);
    const [row] = await withTenant(d.id, (tx) =>
      tx.select().from(dealerships).where(eq(dealerships.id, d.id)),
    );
    expect(row!.welcomeEmailSentAt).toBeNull();
  });
});

describe("ALLOW_SIGNUP=false", () => {
  it("refuses sign-up (action and domain), but an invitation still works", async () => {
    allowSignUp = false;
    try {
      const email = `stengt-${randomUUID().slice(0, 8)}@stengt.no`;
      const input = { dealershipName: "Stengt Bil AS", name: "Sara", email, password: "stengt-passord-1" };
      await expect(signUp(input)).rejects.toMatchObject({ status: 403, message: SIGN_UP_CLOSED });
      const { signUpAction } = await import("../../app/(auth)/actions.ts");
      expect(await signUpAction(null, input)).toEqual({ ok: false, error: SIGN_UP_CLOSED });

      const admin = await shop.as("admin");
      const invited = `invitert-${randomUUID().slice(0, 8)}@startbil.no`;
      const { token } = await createInvitation(admin, { email: invited, role: "sales_rep" });
      const accepted = await acceptInvitation({
        token,
        name: "Ivar Invitert",
        password: "invitert-passord-1",
      });
      expect(accepted.user).toMatchObject({ email: invited, role: "sales_rep" });
    } finally {
      allowSignUp = true;
    }
  });
});
