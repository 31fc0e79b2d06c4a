import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteLeadRoute,
  GET as getLead,
  PATCH as patchLead,
} from "../../app/api/leads/[id]/route.ts";
import { GET as getConversations } from "../../app/api/leads/[id]/conversations/route.ts";
import { GET as listLeads } from "../../app/api/leads/route.ts";
import { POST as postConversation } from "../../app/api/conversations/route.ts";
import { conversations, leadStatusHistory, notes } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { sendCustomerSms } from "../../lib/messaging/send-customer-sms.ts";
import { createTestAdminWithKey, createTestLead, createTestUser } from "../helpers/factories.ts";

// The PRD's lead and conversation routes, called with real Requests and API keys against the real database.
type Fixture = { id: string; key: string; repId: string; leadId: string };
let fjordbil: Fixture;
let vestland: Fixture;

async function setUp(name: string): Promise<Fixture> {
  const { dealership: d, key } = await createTestAdminWithKey(name);
  const rep = await createTestUser(d.id, { role: "sales_rep" });
  const lead = await createTestLead(d.id, { phoneNormalized: "+4791234567", customerPhone: "912 34 567" });
  return { id: d.id, key, repId: rep.id, leadId: lead.id };
}

const request = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
  new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const patch = (f: Fixture, leadId: string, body: unknown) =>
  patchLead(request(`/api/leads/${leadId}`, f.key, { method: "PATCH", body }), ctx({ id: leadId }));

beforeAll(async () => {
  fjordbil = await setUp("Fjordbil Dashboard AS");
  vestland = await setUp("Vestland Dashboard AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

describe("PATCH /api/leads/:id", () => {
  it("changes status with history, assigns, adds a note", async () => {
    const res = await patch(fjordbil, fjordbil.leadId, {
      status: "qualified",
      assigned_to: fjordbil.repId,
      notes: "Ringte, vil prøvekjøre lørdag",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).lead).toMatchObject({ status: "qualified", assigned_to: fjordbil.repId });
    const lost = await patch(fjordbil, fjordbil.leadId, { status: "lost", reason: "Kjøpte hos konkurrent" });
    expect(lost.status).toBe(200);
    const [history, leadNotes] = await withTenant(fjordbil.id, async (tx) => [
      await tx.select().from(leadStatusHistory).where(eq(leadStatusHistory.leadId, fjordbil.leadId)),
      await tx.select().from(notes).where(eq(notes.leadId, fjordbil.leadId)),
    ]);
    expect(history.map((h) => [h.oldStatus, h.newStatus, h.reason])).toEqual(
      expect.arrayContaining([
        ["new", "qualified", null],
        ["qualified", "lost", "Kjøpte hos konkurrent"],
      ]),
    );
    expect(leadNotes.map((n) => n.body)).toEqual(["Ringte, vil prøvekjøre lørdag"]);
  });

  it("answers 400 with field errors: lost without a reason, a bad status, nothing to change, another dealership's rep", async () => {
    const noReason = await patch(fjordbil, fjordbil.leadId, { status: "lost" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).fields).toHaveProperty("reason");
    expect((await patch(fjordbil, fjordbil.leadId, { status: "sold" })).status).toBe(400);
    expect((await patch(fjordbil, fjordbil.leadId, {})).status).toBe(400);
    const foreignRep = await patch(fjordbil, fjordbil.leadId, { assigned_to: vestland.repId });
    expect(foreignRep.status).toBe(400);
    expect((await foreignRep.json()).fields).toHaveProperty("assigned_to");
    const badJson = await patchLead(
      new Request(`http://localhost/api/leads/${fjordbil.leadId}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${fjordbil.key}` },
        body: "{not json",
      }),
      ctx({ id: fjordbil.leadId }),
    );
    expect(badJson.status).toBe(400);
  });

  it("is a 404 for another dealership's lead, and changes nothing there", async () => {
    const res = await patch(vestland, fjordbil.leadId, { status: "won" });
    expect(res.status).toBe(404);
    expect((await patch(vestland, "not-a-uuid", { status: "won" })).status).toBe(404);
    const [lead] = await withTenant(fjordbil.id, (tx) =>
      tx.select({ status: leads.status }).from(leads).where(eq(leads.id, fjordbil.leadId)),
    );
    expect(lead?.status).not.toBe("won");
  });

  it("answers 401 without a valid key", async () => {
    const res = await patch({ ...fjordbil, key: "nv_not-a-real-key-000000000000000000" }, fjordbil.leadId, {
      status: "won",
    });
    expect(res.status).toBe(401);
  });
});

describe("POST /api/conversations and GET /api/leads/:id/conversations", () => {
  it("stores a pending e-mail reply, sends it through the mailer port to the outbox, lists it", async () => {
    const lead = await createTestLead(fjordbil.id);
    const res = await postConversation(
      request("/api/conversations", fjordbil.key, {
        method: "POST",
        body: { lead_id: lead.id, message_content: "Hei! Bilen er klar for prøvekjøring.", channel: "email" },
      }),
      ctx({}),
    );
    expect(res.status).toBe(201);
    const { conversation_id, delivery_status } = await res.json();
    expect(delivery_status).toBe("pending");
    // The job the route enqueued, run here as the worker would.
    expect(
      await sendCustomerEmail(
        { dealershipId: fjordbil.id },
        { conversationId: conversation_id, leadId: lead.id },
      ),
    ).toEqual({
      status: "sent",
    });
    const outbox = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.leadId, lead.id)),
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: "email", toAddress: lead.customerEmail });
    const list = await getConversations(
      request(`/api/leads/${lead.id}/conversations`, fjordbil.key),
      ctx({ id: lead.id }),
    );
    expect(list.status).toBe(200);
    const { conversations: thread } = await list.json();
    expect(thread.at(-1)).toMatchObject({
      id: conversation_id,
      sender_type: "human",
      delivery_status: "sent",
    });
  });

  it("sends an SMS reply to the customer's phone", async () => {
    const res = await postConversation(
      request("/api/conversations", fjordbil.key, {
        method: "POST",
        body: { lead_id: fjordbil.leadId, message_content: "Vi ringer deg i morgen.", channel: "sms" },
      }),
      ctx({}),
    );
    expect(res.status).toBe(201);
    const { conversation_id } = await res.json();
    expect(
      await sendCustomerSms(
        { dealershipId: fjordbil.id },
        { conversationId: conversation_id, leadId: fjordbil.leadId },
      ),
    ).toEqual({ status: "sent" });
    const [sms] = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, fjordbil.leadId), eq(outboxMessages.channel, "sms"))),
    );
    expect(sms).toMatchObject({ toAddress: "+4791234567", bodyText: "Vi ringer deg i morgen." });
    // The rep's SMS is a response like the AI's e-mail: the lead is contacted, with its first response time.
    const [contacted] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, fjordbil.leadId)),
    );
    expect(contacted!.lastContactAt).toBeInstanceOf(Date);
    expect(contacted!.firstResponseAt).toBeInstanceOf(Date);
    expect(contacted!.firstResponseSeconds).toBeGreaterThanOrEqual(0);
    // A second run of the job (a retry) sends nothing more.
    expect(
      await sendCustomerSms(
        { dealershipId: fjordbil.id },
        { conversationId: conversation_id, leadId: fjordbil.leadId },
      ),
    ).toMatchObject({ status: "skipped" });
  });

  it("answers 400 for bad input and for a channel the customer cannot be reached on", async () => {
    const bad = await postConversation(
      request("/api/conversations", fjordbil.key, { method: "POST", body: { lead_id: "x", channel: "fax" } }),
      ctx({}),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).fields)).toEqual(
      expect.arrayContaining(["lead_id", "channel", "message_content"]),
    );
    const noPhone = await createTestLead(fjordbil.id);
    const sms = await postConversation(
      request("/api/conversations", fjordbil.key, {
        method: "POST",
        body: { lead_id: noPhone.id, message_content: "Hei", channel: "sms" },
      }),
      ctx({}),
    );
    expect(sms.status).toBe(400);
  });

  it("is a 404 for another dealership's lead, on both routes", async () => {
    const post = await postConversation(
      request("/api/conversations", vestland.key, {
        method: "POST",
        body: { lead_id: fjordbil.leadId, message_content: "Hei", channel: "email" },
      }),
      ctx({}),
    );
    expect(post.status).toBe(404);
    const list = await getConversations(
      request(`/api/leads/${fjordbil.leadId}/conversations`, vestland.key),
      ctx({ id: fjordbil.leadId }),
    );
    expect(list.status).toBe(404);
  });
});

describe("DELETE /api/leads/:id", () => {
  it("removes the lead, its conversation and its outbox rows; another dealership gets 404", async () => {
    const lead = await createTestLead(fjordbil.id);
    const posted = await postConversation(
      request("/api/conversations", fjordbil.key, {
        method: "POST",
        body: { lead_id: lead.id, message_content: "Hei", channel: "email" },
      }),
      ctx({}),
    );
    const { conversation_id } = await posted.json();
    await sendCustomerEmail(
      { dealershipId: fjordbil.id },
      { conversationId: conversation_id, leadId: lead.id },
    );

    const foreign = await deleteLeadRoute(
      request(`/api/leads/${lead.id}`, vestland.key, { method: "DELETE" }),
      ctx({ id: lead.id }),
    );
    expect(foreign.status).toBe(404);
    const res = await deleteLeadRoute(
      request(`/api/leads/${lead.id}`, fjordbil.key, { method: "DELETE" }),
      ctx({ id: lead.id }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "deleted" });
    const left = await withTenant(fjordbil.id, async (tx) => ({
      conversations: await tx.select().from(conversations).where(eq(conversations.leadId, lead.id)),
      outbox: await tx.select().from(outboxMessages).where(eq(outboxMessages.id, conversation_id)),
      outboxByLead: await tx
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.toAddress, lead.customerEmail!)),
    }));
    expect(left).toEqual({ conversations: [], outbox: [], outboxByLead: [] });
    expect((await getLead(request(`/api/leads/${lead.id}`, fjordbil.key), ctx({ id: lead.id }))).status).toBe(
      404,
    );
    expect(
      (
        await deleteLeadRoute(
          request(`/api/leads/${lead.id}`, fjordbil.key, { method: "DELETE" }),
          ctx({ id: lead.id }),
        )
      ).status,
    ).toBe(404);
  });
});

describe("inbox search (lead_search_terms)", () => {
  it("finds by word prefixes of name and e-mail and by phone in any format, only in the own dealership", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const lead = await createTestLead(fjordbil.id, {
      customerName: `Åse Ødegård-Lie ${tag}`,
      customerEmail: `aase.${tag}@eksempel.no`,
      emailNormalized: `aase.${tag}@eksempel.no`,
      phoneNormalized: "+4741122334",
    });
    await createTestLead(vestland.id, { customerName: `Åse Ødegård ${tag}` });
    const ids = async (query: string, key = fjordbil.key) =>
      (
        (await (await listLeads(request(`/api/leads?${query}`, key), ctx({}))).json()).leads as {
          id: string;
        }[]
      ).map((l) => l.id);
    const q = (s: string) => `search=${encodeURIComponent(s)}`;
    expect(await ids(q(`ødeg ${tag}`))).toEqual([lead.id]);
    expect(await ids(q(`LIE ${tag}`))).toEqual([lead.id]);
    expect(await ids(q(`aase.${tag}@eksempel.no`))).toEqual([lead.id]);
    expect(await ids(q("411 22 334"))).toContain(lead.id);
    expect(await ids(q("+47 41122334"))).toContain(lead.id);
    expect(await ids(q(`åse ${tag} nordmann`))).toEqual([]);
    // Renaming re-indexes (trigger on update).
    await withTenant(fjordbil.id, (tx) =>
      tx
        .update(leads)
        .set({ customerName: `Kari Nordmann ${tag}` })
        .where(eq(leads.id, lead.id)),
    );
    expect(await ids(q(`ødegård ${tag}`))).toEqual([]);
    expect(await ids(q(`nordm ${tag}`))).toEqual([lead.id]);
    expect((await ids(q(`åse ${tag}`), vestland.key)).length).toBe(1);
  });

  it("filters unassigned leads and by assignee", async () => {
    const mine = await createTestLead(fjordbil.id, { assignedTo: fjordbil.repId });
    const theirs = await createTestLead(fjordbil.id);
    const unassigned = (
      await (await listLeads(request("/api/leads?unassigned=true&limit=100", fjordbil.key), ctx({}))).json()
    ).leads;
    expect(unassigned.map((l: { id: string }) => l.id)).toContain(theirs.id);
    expect(unassigned.map((l: { id: string }) => l.id)).not.toContain(mine.id);
    const assigned = (
      await (
        await listLeads(request(`/api/leads?assigned_to=${fjordbil.repId}`, fjordbil.key), ctx({}))
      ).json()
    ).leads;
    expect(assigned.every((l: { assigned_to: string }) => l.assigned_to === fjordbil.repId)).toBe(true);
  });
});
