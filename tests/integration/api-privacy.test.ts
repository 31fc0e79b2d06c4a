import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../db/schema/operations.ts";
import { leads } from "../../db/schema/leads.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { runPersonExport } from "../../lib/privacy/run-person-export.ts";
import { createTestAdminWithKey, createTestLead, createTestUser } from "../helpers/factories.ts";

let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
const { POST: postExport } = await import("../../app/api/privacy/export/route.ts");
const { POST: postErase } = await import("../../app/api/privacy/erase/route.ts");
const { GET: getRequest } = await import("../../app/api/privacy/requests/[id]/route.ts");
const { GET: download } = await import("../../app/api/privacy/exports/[token]/route.ts");

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

type Fixture = Awaited<ReturnType<typeof createTestAdminWithKey>>;
let a: Fixture;
let b: Fixture;
const email = `per-${randomUUID().slice(0, 8)}@example.no`;

beforeAll(async () => {
  a = await createTestAdminWithKey("Privat A");
  b = await createTestAdminWithKey("Privat B");
});

const post = (handler: typeof postExport, body: unknown, key?: string) =>
  handler(
    new Request("http://localhost/api/privacy", {
      method: "POST",
      headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
const status = (id: string, key?: string) =>
  getRequest(
    new Request(`http://localhost/api/privacy/requests/${id}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
    { params: Promise.resolve({ id }) },
  );
const fetchExport = (url: string) => {
  const token = new URL(url).pathname.split("/").pop()!;
  return download(new Request(url), { params: Promise.resolve({ token }) });
};

describe("POST /api/privacy/export and GET /api/privacy/requests/:id", () => {
  it("queues an export (202), the job fills it, the signed link downloads it once", async () => {
    const lead = await createTestLead(a.dealership.id, { customerEmail: email, emailNormalized: email });
    const res = await post(postExport, { email: email.toUpperCase() }, a.key);
    expect(res.status).toBe(202);
    const { request_id: requestId } = (await res.json()) as { request_id: string };

    const pending = await (await status(requestId, a.key)).json();
    expect(pending).toMatchObject({ kind: "export", status: "pending", download_url: null });

    await runPersonExport({ dealershipId: a.dealership.id }, { requestId });
    const done = (await (await status(requestId, a.key)).json()) as { status: string; download_url: string };
    expect(done.status).toBe("done");
    expect(done.download_url).toMatch(/\/api\/privacy\/exports\//);

    const first = await fetchExport(done.download_url);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-disposition")).toMatch(/attachment/);
    const body = (await first.json()) as { tables: { leads: { id: string }[] } };
    expect(body.tables.leads.map((l) => l.id)).toEqual([lead.id]);

    expect((await fetchExport(done.download_url)).status).toBe(404);
    const after = await (await status(requestId, a.key)).json();
    expect(after).toMatchObject({ status: "done", download_url: null });
    expect(after.downloaded_at).not.toBeNull();

    const audit = await withTenant(a.dealership.id, (tx) =>
      tx
        .select({ action: auditLog.action, data: auditLog.data })
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, a.dealership.id), eq(auditLog.targetId, requestId))),
    );
    expect(audit.map((e) => e.action).sort()).toEqual(["privacy.export_requested", "privacy.exported"]);
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it("refuses a tampered or expired link", async () => {
    const res = await post(postExport, { email }, a.key);
    const { request_id: requestId } = (await res.json()) as { request_id: string };
    await runPersonExport(
      { dealershipId: a.dealership.id },
      { requestId },
      { now: new Date(Date.now() - 25 * 3_600_000) },
    );
    const view = await (await status(requestId, a.key)).json();
    expect(view).toMatchObject({ status: "expired", download_url: null });
    const bogus = `http://localhost/api/privacy/exports/${Buffer.from(`${a.dealership.id}|${requestId}`).toString("base64url")}.xyz`;
    expect((await fetchExport(bogus)).status).toBe(404);
  });

  it("answers 400 with field errors for a bad body", async () => {
    for (const body of [{}, { email: "ikke-en-adresse" }, { phone: "12" }, { email, phone: "+4791234567" }]) {
      const res = await post(postExport, body, a.key);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toHaveProperty("fields");
    }
    expect((await post(postErase, "{not json", a.key)).status).toBe(400);
    expect((await post(postErase, { email: "<script>@x" }, a.key)).status).toBe(400);
  });

  it("is for admins: a manager or a rep gets 403, no session 401", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      const user = await createTestUser(a.dealership.id, { role });
      signedIn = {
        userId: user.id,
        dealershipId: a.dealership.id,
        role,
        name: user.name,
        email: user.email,
        dealershipName: "Privat A",
        via: "builtin",
      };
      expect((await post(postExport, { email })).status).toBe(403);
      expect((await post(postErase, { email })).status).toBe(403);
    }
    signedIn = null;
    expect((await post(postErase, { email })).status).toBe(401);
    signedIn = a.session;
    expect((await post(postExport, { email })).status).toBe(202);
    signedIn = null;
  });

  it("keeps dealerships apart: B cannot read A's request, and B's erase leaves A's person", async () => {
    const res = await post(postExport, { email }, a.key);
    const { request_id: requestId } = (await res.json()) as { request_id: string };
    expect((await status(requestId, b.key)).status).toBe(404);
    expect((await status("not-a-uuid", a.key)).status).toBe(404);

    const erased = await post(postErase, { email }, b.key);
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({ status: "done", leads: 0 });
    const still = await withTenant(a.dealership.id, (tx) =>
      tx.select().from(leads).where(eq(leads.emailNormalized, email)),
    );
    expect(still.length).toBeGreaterThan(0);
  });
});

describe("POST /api/privacy/erase", () => {
  it("erases at once (200) with counts, and the request reads back as done", async () => {
    const target = `slett-${randomUUID().slice(0, 8)}@example.no`;
    const lead = await createTestLead(a.dealership.id, {
      customerEmail: target,
      emailNormalized: target,
      customerPhone: "+4790000017",
      phoneNormalized: "+4790000017",
    });
    const res = await post(postErase, { email: target }, a.key);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { request_id: string; leads: number; tables: Record<string, unknown> };
    expect(body.leads).toBe(1);
    expect(body.tables.leads).toEqual({ anonymised: 1 });
    expect(JSON.stringify(body)).not.toContain(target);
    const [row] = await withTenant(a.dealership.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, lead.id)),
    );
    expect(row).toMatchObject({ customerEmail: null, customerPhone: null, customerName: null });
    expect(row!.anonymisedAt).toBeInstanceOf(Date);
    expect(await (await status(body.request_id, a.key)).json()).toMatchObject({
      kind: "erase",
      status: "done",
    });
  });
});
