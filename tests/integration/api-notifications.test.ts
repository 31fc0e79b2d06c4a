import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { createApiKey } from "../../lib/auth/api-keys.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { type TestTenant, createTestLead, createTestTenant } from "../helpers/factories.ts";

// GET /api/notifications: the signed-in person's leads waiting for an answer (tab count, favicon, browser
// notifications). Only the request's session is replaced.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", async (original) => ({
  ...(await original<typeof import("../../lib/auth/get-session.ts")>()),
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
const { GET } = await import("../../app/api/notifications/route.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
let rep: Session;
let colleague: Session;
let intruder: Session;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Varsel AS");
  vestland = await createTestTenant("Vestland Varsel AS");
  rep = await fjordbil.as("sales_rep");
  colleague = await fjordbil.as("sales_rep");
  intruder = await vestland.as("sales_rep");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const call = async (key?: string) => {
  const res = await GET(
    new Request("http://localhost/api/notifications", {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    }),
    { params: Promise.resolve({}) },
  );
  return {
    status: res.status,
    body: (await res.json()) as { waiting: number; leads: { id: string; kind: string }[] },
  };
};

async function message(leadId: string, direction: "inbound" | "outbound", senderType: string, at: Date) {
  await withTenant(fjordbil.id, (tx) =>
    tx.insert(conversations).values({
      dealershipId: fjordbil.id,
      leadId,
      channel: "email",
      direction,
      senderType: senderType as "customer",
      messageContent: "Hei",
      createdAt: at,
    }),
  );
}

describe("GET /api/notifications", () => {
  it("counts my open leads where the customer had the last word: new ones and replies, not answered ones", async () => {
    const t0 = new Date(Date.now() - 60 * 60_000);
    const fresh = await createTestLead(fjordbil.id, { assignedTo: rep.userId });
    await message(fresh.id, "inbound", "customer", t0);
    await message(fresh.id, "outbound", "ai", new Date(t0.getTime() + 1_000)); // the AI's reply does not count
    const replied = await createTestLead(fjordbil.id, { assignedTo: rep.userId });
    await message(replied.id, "inbound", "customer", t0);
    await message(replied.id, "outbound", "human", new Date(t0.getTime() + 60_000));
    await message(replied.id, "inbound", "customer", new Date(t0.getTime() + 120_000));
    const answered = await createTestLead(fjordbil.id, { assignedTo: rep.userId });
    await message(answered.id, "inbound", "customer", t0);
    await message(answered.id, "outbound", "human", new Date(t0.getTime() + 60_000));
    const won = await createTestLead(fjordbil.id, { assignedTo: rep.userId, status: "won" });
    await message(won.id, "inbound", "customer", t0);
    const colleagues = await createTestLead(fjordbil.id, { assignedTo: colleague.userId });
    await message(colleagues.id, "inbound", "customer", t0);

    signedIn = rep;
    const { status, body } = await call();
    expect(status).toBe(200);
    expect(body.waiting).toBe(2);
    expect(body.leads).toEqual([
      expect.objectContaining({ id: replied.id, kind: "reply" }),
      expect.objectContaining({ id: fresh.id, kind: "new" }),
    ]);
  });

  it("needs a signed-in person: 401 without a session and for an API key (it has no me)", async () => {
    signedIn = null;
    expect((await call()).status).toBe(401);
    const admin = await fjordbil.as("admin");
    const { key } = await createApiKey(admin, "varsler");
    expect((await call(key)).status).toBe(401);
  });

  it("another dealership's user sees none of these leads", async () => {
    signedIn = intruder;
    expect((await call()).body).toEqual({ waiting: 0, leads: [] });
  });
});
