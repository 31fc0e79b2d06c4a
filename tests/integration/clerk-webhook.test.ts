import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { and, desc, eq, inArray, like, sql } from "drizzle-orm";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/webhooks/clerk/route.ts";
import { processedWebhookEvents } from "../../db/schema/auth.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { auditLog, webhookRequests } from "../../db/schema/operations.ts";
import { flushWebhookLog } from "../../lib/webhook-log/record-webhook-request.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { reassignLeadsOfInactiveMember } from "../../lib/users/reassign-open-leads.ts";
import { resolveClerkSession } from "../../lib/auth/clerk/resolve-clerk-session.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

// The shared Clerk fixtures, used unmodified; tests/fixtures/clerk-webhooks wins once they are copied in.
const FIXTURE_DIR = [
  resolve(import.meta.dirname, "../fixtures/clerk-webhooks"),
  resolve(import.meta.dirname, "../../../shared/reference/fixtures/clerk-webhooks"),
].find((dir) => existsSync(dir))!;
const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name), "utf8");

const ORG_CREATED = fixture("real-2025-organization.created.json");
const MEMBERSHIP_CREATED = fixture("real-2025-organizationMembership.created.json");
const MEMBERSHIP_UPDATED = fixture("example-organizationMembership.updated.json");
const MEMBERSHIP_DELETED = fixture("example-organizationMembership.deleted.json");
const USER_CREATED = fixture("real-2025-user.created.json");
const USER_UPDATED = fixture("example-user.updated.json");

// IDs inside the fixtures. The two 2025 events belong to different organizations.
const ORG_A = "org_2xtHWId18HISm4zUJTzVtJwEigw"; // organization.created
const ORG_B = "org_2xtKS56z1iD1EVaRTl9TEMizXs6"; // embedded in organizationMembership.created
const ORG_ACME = "org_29w9IfBrPmcpi0IeBVaKtA7R94W"; // membership updated/deleted examples
const USER_ADMIN = "user_2xtKOmOKFZcYQ8kBGzxhPlrgBJv";
const USER_ACME_MEMBER = "user_29wACSk1DjeUCwsS6SbbgIgilMy";
const USER_EXAMPLE = "user_29w83sxmDNGwOuEthce5gg56FcC";
const FIXTURE_ORGS = [ORG_A, ORG_B, ORG_ACME];
const FIXTURE_USERS = [USER_ADMIN, USER_ACME_MEMBER, USER_EXAMPLE];

const URL = "http://localhost/api/webhooks/clerk";
const secret = `whsec_${randomBytes(24).toString("base64")}`;

type SignOptions = { msgId?: string; timestamp?: Date; secret?: string };
function sign(
  body: string,
  { msgId = `msg_${randomUUID()}`, timestamp = new Date(), secret: key = secret }: SignOptions = {},
) {
  return {
    "svix-id": msgId,
    "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "svix-signature": new Webhook(key).sign(msgId, timestamp, body),
  };
}
function post(body: string, headers: Record<string, string>) {
  return POST(
    new Request(URL, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }),
  );
}
const deliver = (body: string, options: SignOptions = {}) => post(body, sign(body, options));
const withType = (
  payload: string,
  type: string,
  edit: (data: Record<string, unknown>) => void = () => {},
) => {
  const event = JSON.parse(payload) as { type: string; data: Record<string, unknown> };
  edit(event.data);
  return JSON.stringify({ ...event, type });
};

const dealershipOf = (clerkOrgId: string) =>
  withSystem(
    async (tx) => (await tx.select().from(dealerships).where(eq(dealerships.clerkOrgId, clerkOrgId)))[0],
  );
const usersOf = (clerkUserId: string) =>
  withSystem((tx) => tx.select().from(users).where(eq(users.clerkUserId, clerkUserId)));

/** Rows this file can cause; scoped so test files running in parallel on the same database do not interfere. */
const footprint = () =>
  withSystem(async (tx) => {
    const count = sql<number>`count(*)::int`;
    const [d] = await tx
      .select({ n: count })
      .from(dealerships)
      .where(inArray(dealerships.clerkOrgId, FIXTURE_ORGS));
    const [u] = await tx.select({ n: count }).from(users).where(inArray(users.clerkUserId, FIXTURE_USERS));
    const [p] = await tx
      .select({ n: count })
      .from(processedWebhookEvents)
      .where(eq(processedWebhookEvents.provider, "clerk"));
    const [a] = await tx.select({ n: count }).from(auditLog).where(like(auditLog.action, "clerk.%"));
    return { dealerships: d!.n, users: u!.n, processedEvents: p!.n, auditRows: a!.n };
  });
const lastLog = async () => {
  await flushWebhookLog();
  return withSystem(async (tx) => {
    const [row] = await tx
      .select()
      .from(webhookRequests)
      .where(eq(webhookRequests.source, "clerk"))
      .orderBy(desc(webhookRequests.createdAt))
      .limit(1);
    return row;
  });
};

beforeAll(async () => {
  process.env.CLERK_WEBHOOK_SIGNING_SECRET = secret;
  // The fixtures carry fixed Clerk ids: start clean when the database outlives a run (npm test's DATABASE_URL).
  await withSystem(async (tx) => {
    await tx.delete(dealerships).where(inArray(dealerships.clerkOrgId, FIXTURE_ORGS));
    await tx.delete(users).where(inArray(users.clerkUserId, FIXTURE_USERS));
    await tx.delete(dealerships).where(like(dealerships.slug, "test-trucking%"));
  });
});
afterAll(() => closeDb());

describe("POST /api/webhooks/clerk – rejected requests write nothing but the log", () => {
  it("rejects a payload signed with another secret (401) and creates no rows", async () => {
    const before = await footprint();
    const wrongSecret = `whsec_${randomBytes(24).toString("base64")}`;
    const res = await deliver(MEMBERSHIP_CREATED, { secret: wrongSecret });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "invalid_signature" });
    expect(await footprint()).toEqual(before);
    expect(await lastLog()).toMatchObject({
      source: "clerk",
      statusCode: 401,
      dealershipId: null,
      method: "POST",
    });
  });

  it("rejects a tampered body carrying the original's valid signature", async () => {
    const before = await footprint();
    const headers = sign(ORG_CREATED);
    const tampered = ORG_CREATED.replace('"name":"Test Trucking"', '"name":"Evil Trucking"');
    expect(tampered).not.toBe(ORG_CREATED);
    const res = await post(tampered, headers);
    expect(res.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it("rejects requests with missing svix headers", async () => {
    const before = await footprint();
    expect((await post(ORG_CREATED, {})).status).toBe(401);
    const { "svix-signature": _dropped, ...noSignature } = sign(ORG_CREATED);
    expect((await post(ORG_CREATED, noSignature)).status).toBe(401);
    const { "svix-timestamp": _ts, ...noTimestamp } = sign(ORG_CREATED);
    expect((await post(ORG_CREATED, noTimestamp)).status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it("rejects a correctly signed message older than 5 minutes (replayed capture)", async () => {
    const before = await footprint();
    const res = await deliver(ORG_CREATED, { timestamp: new Date(Date.now() - 6 * 60_000) });
    expect(res.status).toBe(401);
    expect((await lastLog())?.error).toMatch(/too old/);
    expect(await footprint()).toEqual(before);
  });

  it("signs like Clerk/svix (published Standard Webhooks vector) and rejects that old vector", async () => {
    const [head, body] = fixture("svix-headers-reference-vector.http").split(/\r?\n\r?\n/);
    const headers = Object.fromEntries(
      head!.split(/\r?\n/).map((line) => line.split(/:\s*/, 2) as [string, string]),
    );
    const vectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // public test secret named in SOURCES.md
    const signedAt = new Date(Number(headers["svix-timestamp"]) * 1000);
    expect(new Webhook(vectorSecret).sign(headers["svix-id"]!, signedAt, body!.trimEnd())).toBe(
      headers["svix-signature"],
    );

    process.env.CLERK_WEBHOOK_SIGNING_SECRET = vectorSecret;
    try {
      const res = await post(body!.trimEnd(), headers);
      expect(res.status).toBe(401);
    } finally {
      process.env.CLERK_WEBHOOK_SIGNING_SECRET = secret;
    }
  });

  it("answers 400 to a validly signed body that is not JSON or not a Clerk event", async () => {
    const before = await footprint();
    const notJson = await deliver("{not json");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "bad_request", message: "Body is not valid JSON" });
    const notEvent = await deliver(JSON.stringify({ hello: "world" }));
    expect(notEvent.status).toBe(400);
    expect((await notEvent.json()).message).toMatch(/not a Clerk event/);
    const badMembership = await deliver(
      JSON.stringify({ type: "organizationMembership.created", data: { id: "orgmem_x" } }),
    );
    expect(badMembership.status).toBe(400);
    expect((await badMembership.json()).message).toMatch(
      /organizationMembership\.created payload.*public_user_data/,
    );
    expect(await footprint()).toEqual(before);
  });

  it("answers 413 to a body over 1 MB", async () => {
    const big = JSON.stringify({ type: "user.created", data: { pad: "x".repeat(1024 * 1024) } });
    expect((await deliver(big)).status).toBe(413);
  });

  it("is 404 when no signing secret is configured", async () => {
    delete process.env.CLERK_WEBHOOK_SIGNING_SECRET;
    try {
      expect((await deliver(ORG_CREATED)).status).toBe(404);
    } finally {
      process.env.CLERK_WEBHOOK_SIGNING_SECRET = secret;
    }
  });
});

describe("POST /api/webhooks/clerk – syncing organizations and members", () => {
  it("organization.created creates the dealership", async () => {
    const res = await deliver(ORG_CREATED);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "applied" });
    const dealership = await dealershipOf(ORG_A);
    expect(dealership).toMatchObject({
      name: "Test Trucking",
      slug: "test-trucking",
      email: "post@test-trucking.norvalt.no",
    });
    expect(dealership!.formKey).toMatch(/^[a-z0-9-]{6,64}$/);
    expect((await lastLog())?.statusCode).toBe(200);
  });

  it("membership.created before its organization creates both, with the mapped role", async () => {
    const res = await deliver(MEMBERSHIP_CREATED);
    expect(await res.json()).toEqual({ status: "applied" });
    const dealership = await dealershipOf(ORG_B);
    // Same Clerk slug as ORG_A's dealership: made unique. The first admin's e-mail replaces the placeholder.
    expect(dealership).toMatchObject({
      name: "Test Trucking",
      slug: "test-trucking-2",
      email: "admin.test@example.com",
    });
    const [user] = await usersOf(USER_ADMIN);
    expect(user).toMatchObject({
      dealershipId: dealership!.id,
      email: "admin.test@example.com",
      name: "Admin Test",
      role: "admin",
      clerkMembershipId: "orgmem_2xtKS7v97eo9g3TGqgyk1Wyxk74",
      isActive: true,
      passwordHash: null,
    });
    const audit = await withSystem((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, dealership!.id), eq(auditLog.targetId, user!.id))),
    );
    expect(audit).toMatchObject([
      {
        actorType: "system",
        action: "clerk.membership.created",
        data: { role: "admin", clerkRole: "org:admin" },
      },
    ]);
    expect(await resolveClerkSession({ clerkUserId: USER_ADMIN, clerkOrgId: ORG_B })).toMatchObject({
      userId: user!.id,
      role: "admin",
      via: "clerk",
    });
  });

  it("a late organization.created updates that dealership instead of adding a second one", async () => {
    const late = withType(ORG_CREATED, "organization.created", (data) => {
      data.id = ORG_B;
      data.name = "Test Trucking AS";
    });
    expect(await (await deliver(late)).json()).toEqual({ status: "applied" });
    const rows = await withSystem((tx) =>
      tx.select().from(dealerships).where(eq(dealerships.clerkOrgId, ORG_B)),
    );
    expect(rows).toMatchObject([
      { name: "Test Trucking AS", slug: "test-trucking-2", email: "admin.test@example.com" },
    ]);
  });

  it("treats a redelivered svix message as a duplicate and changes nothing", async () => {
    const msgId = `msg_${randomUUID()}`;
    const promote = withType(
      MEMBERSHIP_CREATED,
      "organizationMembership.updated",
      (data) => (data.role = "org:manager"),
    );
    expect(await (await deliver(promote, { msgId })).json()).toEqual({ status: "applied" });
    expect((await usersOf(USER_ADMIN))[0]!.role).toBe("manager");

    const before = await footprint();
    const demote = withType(
      MEMBERSHIP_CREATED,
      "organizationMembership.updated",
      (data) => (data.role = "org:member"),
    );
    for (const body of [promote, demote]) {
      const res = await deliver(body, { msgId });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "duplicate" });
    }
    expect(await footprint()).toEqual(before);
    expect((await usersOf(USER_ADMIN))[0]!.role).toBe("manager");
  });

  it("membership.updated changes the role of an existing member", async () => {
    const acme = await createTestDealership({ clerkOrgId: ORG_ACME, name: "Acme Inc" });
    const member = await createTestUser(acme.id, {
      clerkUserId: USER_ACME_MEMBER,
      email: "example@example.org",
      role: "admin",
      passwordHash: null,
    });
    expect(await (await deliver(MEMBERSHIP_UPDATED)).json()).toEqual({ status: "applied" });
    const rows = await usersOf(USER_ACME_MEMBER);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: member.id,
      role: "sales_rep", // basic_member
      clerkMembershipId: "orgmem_29wAbjiJs6aZuPq7AzmkW9dwmyl",
      isActive: true,
    });
    const [audit] = await withSystem((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.targetId, member.id)),
    );
    expect(audit).toMatchObject({
      action: "clerk.membership.updated",
      data: { previousRole: "admin", role: "sales_rep" },
    });
  });

  it("membership.deleted deactivates the member but keeps the row, and their open leads move on", async () => {
    const [member] = await usersOf(USER_ACME_MEMBER);
    const colleague = await createTestUser(member!.dealershipId, { role: "sales_rep", name: "Kari Kollega" });
    const open = await createTestLead(member!.dealershipId, { assignedTo: member!.id, status: "contacted" });
    expect(await (await deliver(MEMBERSHIP_DELETED)).json()).toEqual({ status: "applied" });
    const rows = await usersOf(USER_ACME_MEMBER);
    expect(rows).toMatchObject([{ isActive: false, email: "example@example.org" }]);
    // Queued in the webhook's transaction; the worker runs it as the tenant under the assign lock.
    const { rows: jobs } = await withSystem((tx) =>
      tx.execute<{ data: { userId: string; dealershipId: string } }>(
        sql`select data from pgboss.job where name = 'team.reassign-leads' and data->>'userId' = ${member!.id}`,
      ),
    );
    expect(jobs.map((j) => j.data)).toEqual([{ userId: member!.id, dealershipId: member!.dealershipId }]);
    expect(await reassignLeadsOfInactiveMember(member!, { userId: member!.id })).toEqual({ reassigned: 1 });
    const [moved] = await withSystem((tx) => tx.select().from(leads).where(eq(leads.id, open.id)));
    expect(moved?.assignedTo).toBe(colleague.id);
    expect(await resolveClerkSession({ clerkUserId: USER_ACME_MEMBER, clerkOrgId: ORG_ACME })).toBeNull();
    const [audit] = await withSystem((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, rows[0]!.id), eq(auditLog.action, "clerk.membership.deleted"))),
    );
    expect(audit).toMatchObject({ actorType: "system", dealershipId: rows[0]!.dealershipId });
  });

  it("a member who rejoins is reactivated on membership.created", async () => {
    const rejoin = withType(MEMBERSHIP_UPDATED, "organizationMembership.created");
    expect(await (await deliver(rejoin)).json()).toEqual({ status: "applied" });
    expect(await usersOf(USER_ACME_MEMBER)).toMatchObject([{ isActive: true, role: "sales_rep" }]);
  });

  it("user.updated renames the user in every dealership", async () => {
    const one = await createTestDealership();
    const two = await createTestDealership();
    for (const d of [one, two]) {
      await createTestUser(d.id, {
        clerkUserId: USER_EXAMPLE,
        name: "Old Name",
        email: "old@example.org",
        passwordHash: null,
      });
    }
    expect(await (await deliver(USER_UPDATED)).json()).toEqual({ status: "applied" });
    const rows = await usersOf(USER_EXAMPLE);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ name: "Example", email: "example@example.org" });
  });

  it("ignores user.created and unknown event types but records them as processed", async () => {
    const before = await footprint();
    expect(await (await deliver(USER_CREATED)).json()).toEqual({ status: "ignored" });
    expect(
      await (await deliver(JSON.stringify({ type: "session.created", data: { id: "sess_1" } }))).json(),
    ).toEqual({
      status: "ignored",
    });
    expect(await footprint()).toEqual({ ...before, processedEvents: before.processedEvents + 2 });
  });

  it("organization.deleted removes the dealership and its users", async () => {
    const deleted = JSON.stringify({
      data: { deleted: true, id: ORG_B, object: "organization" },
      object: "event",
      type: "organization.deleted",
    });
    expect(await (await deliver(deleted)).json()).toEqual({ status: "applied" });
    expect(await dealershipOf(ORG_B)).toBeUndefined();
    expect(await usersOf(USER_ADMIN)).toEqual([]);
    expect(await dealershipOf(ORG_A)).toBeDefined();
  });
});
