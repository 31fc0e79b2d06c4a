import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invitations } from "../../db/schema/auth.ts";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, outboxMessages } from "../../db/schema/operations.ts";
import { users } from "../../db/schema/users.ts";
import { createInvitation, findOpenInvitation } from "../../lib/auth/invitations.ts";
import { logIn } from "../../lib/auth/log-in.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { createSession, findSessionByToken } from "../../lib/auth/sessions.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { changeMemberRole } from "../../lib/users/change-member-role.ts";
import { LAST_ADMIN_MESSAGE } from "../../lib/users/schemas.ts";
import {
  TEST_PASSWORD,
  createTestLead,
  createTestTenant,
  createTestUser,
  type TestTenant,
} from "../helpers/factories.ts";

// The real server actions, through tenantAction; only the signed-in user and cache revalidation are replaced.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const team = await import("../../app/(dashboard)/settings/team/actions.ts");

const NO_ACCESS = { ok: false, error: "Du har ikke tilgang til dette" };
let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Team AS");
  vestland = await createTestTenant("Vestland Team AS");
});
afterAll(() => closeDb());

const userRow = (t: TestTenant, id: string) =>
  withTenant(t.id, async (tx) => (await tx.select().from(users).where(eq(users.id, id)))[0]!);
const audits = (t: TestTenant, action: string, targetId: string) =>
  withTenant(t.id, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId))),
  );

describe("team: change a member's role", () => {
  it("an admin promotes a rep to manager, audited", async () => {
    signedIn = await fjordbil.as("admin");
    const rep = await fjordbil.as("sales_rep");
    const result = await team.changeMemberRoleAction(null, { userId: rep.userId, role: "manager" });
    expect(result).toMatchObject({ ok: true, data: { role: "manager", changed: true } });
    expect((await userRow(fjordbil, rep.userId)).role).toBe("manager");
    const [entry] = await audits(fjordbil, "user.role_changed", rep.userId);
    expect(entry).toMatchObject({ actorUserId: signedIn.userId, data: { from: "sales_rep", to: "manager" } });
  });

  it("refuses a rep and a manager", async () => {
    const target = await fjordbil.as("sales_rep");
    for (const role of ["sales_rep", "manager"] as const) {
      signedIn = await fjordbil.as(role);
      expect(await team.changeMemberRoleAction(null, { userId: target.userId, role: "admin" })).toEqual(
        NO_ACCESS,
      );
      expect(await team.deactivateMemberAction(null, { userId: target.userId })).toEqual(NO_ACCESS);
      expect(await team.reactivateMemberAction(null, { userId: target.userId })).toEqual(NO_ACCESS);
    }
    expect((await userRow(fjordbil, target.userId)).role).toBe("sales_rep");
  });

  it("field errors for a bad id or role, never a throw", async () => {
    signedIn = await fjordbil.as("admin");
    expect(
      await team.changeMemberRoleAction(null, { userId: "<script>", role: "owner" } as never),
    ).toMatchObject({
      ok: false,
      fieldErrors: { userId: [expect.any(String)], role: ["Ugyldig rolle"] },
    });
  });

  it("another dealership's user is not found", async () => {
    const rep = await fjordbil.as("sales_rep");
    signedIn = await vestland.as("admin");
    const notFound = { ok: false, error: "Fant ikke brukeren" };
    expect(await team.changeMemberRoleAction(null, { userId: rep.userId, role: "admin" })).toEqual(notFound);
    expect(await team.deactivateMemberAction(null, { userId: rep.userId })).toEqual(notFound);
    expect(await team.reactivateMemberAction(null, { userId: rep.userId })).toEqual(notFound);
    expect(await userRow(fjordbil, rep.userId)).toMatchObject({ role: "sales_rep", isActive: true });
  });
});

describe("team: the last active admin", () => {
  it("cannot be demoted or deactivated (409, form error)", async () => {
    const shop = await createTestTenant("Eneadmin AS");
    signedIn = await shop.as("admin");
    expect(await team.changeMemberRoleAction(null, { userId: signedIn.userId, role: "manager" })).toEqual({
      ok: false,
      error: LAST_ADMIN_MESSAGE,
      fieldErrors: { userId: [LAST_ADMIN_MESSAGE] },
    });
    await expect(
      changeMemberRole(signedIn, { userId: signedIn.userId, role: "manager" }),
    ).rejects.toMatchObject({
      status: 409,
    });
    // An inactive second admin does not count.
    const dormant = await createTestUser(shop.id, { role: "admin", isActive: false });
    expect(
      await team.changeMemberRoleAction(null, { userId: signedIn.userId, role: "sales_rep" }),
    ).toMatchObject({
      ok: false,
      error: LAST_ADMIN_MESSAGE,
    });
    // Another admin may not deactivate the only active one either.
    const other = await shop.as("admin");
    expect(await team.changeMemberRoleAction(null, { userId: other.userId, role: "manager" })).toMatchObject({
      ok: true,
    });
    signedIn = { ...other, role: "admin" }; // the stale session of the just-demoted admin
    expect(await team.deactivateMemberAction(null, { userId: dormant.id })).toEqual(NO_ACCESS);
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const shop = await createTestTenant("Tvekamp AS");
    const a = await shop.as("admin");
    const b = await shop.as("admin");
    const results = await Promise.allSettled([
      changeMemberRole(a, { userId: b.userId, role: "manager" }),
      changeMemberRole(b, { userId: a.userId, role: "manager" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(users)
        .where(and(eq(users.dealershipId, shop.id), eq(users.role, "admin"), eq(users.isActive, true))),
    );
    expect(admins).toHaveLength(1);
  });

  it("two admins deactivating each other at once leave one admin", async () => {
    const shop = await createTestTenant("Tvekamp To AS");
    const a = await shop.as("admin");
    const b = await shop.as("admin");
    signedIn = a;
    const first = team.deactivateMemberAction(null, { userId: b.userId });
    signedIn = b;
    const second = team.deactivateMemberAction(null, { userId: a.userId });
    const results = await Promise.all([first, second]);
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    const active = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(users)
        .where(and(eq(users.dealershipId, shop.id), eq(users.isActive, true))),
    );
    expect(active.map((u) => u.role)).toEqual(["admin"]);
  });
});

describe("team: deactivate and reactivate", () => {
  it("ends the member's sessions, blocks log-in, moves open leads by round robin and keeps history", async () => {
    const shop = await createTestTenant("Avgang AS");
    const admin = await shop.as("admin");
    const leaving = await createTestUser(shop.id, { role: "sales_rep", name: "Per Permisjon" });
    const staying = await createTestUser(shop.id, {
      role: "sales_rep",
      name: "Siri Selger",
      phone: "+4791234567",
    });
    const token = await createSession(leaving);
    expect(await findSessionByToken(token)).not.toBeNull();
    const open = await Promise.all(
      (["new", "contacted", "qualified"] as const).map((status) =>
        createTestLead(shop.id, { assignedTo: leaving.id, status }),
      ),
    );
    const won = await createTestLead(shop.id, { assignedTo: leaving.id, status: "won" });

    signedIn = admin;
    const result = await team.deactivateMemberAction(null, { userId: leaving.id });
    expect(result).toEqual({ ok: true, data: { userId: leaving.id, changed: true, reassigned: 3 } });
    expect(await findSessionByToken(token)).toBeNull();
    await expect(logIn({ email: leaving.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      status: 401,
    });

    const rows = await withTenant(shop.id, (tx) =>
      tx.select().from(leads).where(eq(leads.dealershipId, shop.id)),
    );
    for (const lead of open) expect(rows.find((r) => r.id === lead.id)!.assignedTo).toBe(staying.id);
    expect(rows.find((r) => r.id === won.id)!.assignedTo).toBe(leaving.id); // history keeps their name
    const events = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, open[0]!.id), eq(leadEvents.type, "lead.reassigned"))),
    );
    expect(events[0]).toMatchObject({
      actorUserId: admin.userId,
      data: { reason: "member_deactivated", from: leaving.id, fromName: "Per Permisjon", to: staying.id },
    });
    expect(await userRow(shop, leaving.id)).toMatchObject({ isActive: false, name: "Per Permisjon" });
    expect(await audits(shop, "user.deactivated", leaving.id)).toHaveLength(1);

    // The new owner is told about each lead they took over, by the one rep.notify rule.
    const { rows: jobs } = await getDb().execute<{ data: { leadId: string; toUserId: string } }>(
      sql`select data from pgboss.job where name = 'rep.notify' and data->>'reason' = 'reassigned'
          and data->>'dealershipId' = ${shop.id}`,
    );
    expect(jobs.map((j) => j.data.leadId).sort()).toEqual(open.map((l) => l.id).sort());
    expect(jobs.every((j) => j.data.toUserId === staying.id)).toBe(true);
    const first = open[0]!;
    expect(
      await notifyRep(
        { dealershipId: shop.id },
        { leadId: first.id, reason: "reassigned", toUserId: staying.id },
      ),
    ).toEqual({
      status: "sent",
      channels: ["sms"],
    });
    const [sms] = await withTenant(shop.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "+4791234567")),
    );
    expect(sms?.bodyText).toContain("Du har overtatt leadet til");
    expect(sms?.bodyText).toContain(`/leads/${first.id}`);
    // A job for an owner the lead has moved away from again sends nothing.
    expect(
      await notifyRep(
        { dealershipId: shop.id },
        { leadId: first.id, reason: "reassigned", toUserId: leaving.id },
      ),
    ).toEqual({ status: "skipped", reason: "reassigned_again" });

    expect(await team.reactivateMemberAction(null, { userId: leaving.id })).toMatchObject({
      ok: true,
      data: { changed: true },
    });
    expect(await logIn({ email: leaving.email, password: TEST_PASSWORD })).toMatchObject({
      sessionToken: expect.any(String),
    });
    expect(await findSessionByToken(token)).toBeNull(); // the old session stays ended
    expect(await audits(shop, "user.reactivated", leaving.id)).toHaveLength(1);
  });

  it("an admin cannot deactivate themselves", async () => {
    signedIn = await fjordbil.as("admin");
    expect(await team.deactivateMemberAction(null, { userId: signedIn.userId })).toMatchObject({
      ok: false,
      error: "Du kan ikke deaktivere deg selv",
    });
  });
});

describe("team: resend an invitation", () => {
  it("gives a new link, the old one stops working, the new e-mail is in the outbox", async () => {
    const admin = await fjordbil.as("admin");
    const email = `resend-${Date.now()}@fjordbil.no`;
    const { invitation, token } = await createInvitation(admin, { email, role: "sales_rep" });
    signedIn = await fjordbil.as("manager");
    const result = await team.resendInvitationAction(null, { id: invitation.id });
    expect(result).toMatchObject({ ok: true, data: { email, link: expect.stringMatching(/\/invite\//) } });
    const newToken = result?.ok ? result.data.link.split("/invite/")[1]! : "";
    expect(await findOpenInvitation(token)).toBeNull();
    expect(await findOpenInvitation(newToken)).toMatchObject({ email, role: "sales_rep" });
    const mails = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email)),
    );
    expect(mails).toHaveLength(2);
    const [entry] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "invitation.resent")),
    );
    expect(entry).toBeDefined();
  });

  it("refuses a rep; another dealership's invitation is not found; a manager cannot resend an admin invitation", async () => {
    const { invitation } = await createInvitation(await fjordbil.as("admin"), {
      email: `resend-admin-${Date.now()}@fjordbil.no`,
      role: "admin",
    });
    signedIn = await fjordbil.as("sales_rep");
    expect(await team.resendInvitationAction(null, { id: invitation.id })).toEqual(NO_ACCESS);
    signedIn = await vestland.as("admin");
    expect(await team.resendInvitationAction(null, { id: invitation.id })).toEqual({
      ok: false,
      error: "Fant ikke invitasjonen",
    });
    signedIn = await fjordbil.as("manager");
    expect(await team.resendInvitationAction(null, { id: invitation.id })).toMatchObject({ ok: false });
    const [still] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(invitations).where(eq(invitations.id, invitation.id)),
    );
    expect(still!.revokedAt).toBeNull();
  });
});

describe("rep menus: the E-post triage is for admins and managers", () => {
  it("refuses a sales rep's triage actions before looking at the e-mail", async () => {
    const emailActions = await import("../../app/(dashboard)/emails/actions.ts");
    signedIn = await fjordbil.as("sales_rep");
    const emailId = "00000000-0000-4000-8000-000000000000";
    for (const action of [
      emailActions.reprocessEmailAction,
      emailActions.createLeadFromEmailAction,
      emailActions.markEmailNotLeadAction,
    ])
      expect(await action(null, { emailId })).toEqual(NO_ACCESS);
  });
});
