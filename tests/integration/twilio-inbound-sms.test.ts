import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/webhooks/twilio/sms/route.ts";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages, suppressions } from "../../db/schema/operations.ts";
import { hashSuppressionAddress } from "../../lib/suppressions/hash-suppression-address.ts";
import { inboundSms } from "../../db/schema/sms.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { flushWebhookLog } from "../../lib/webhook-log/record-webhook-request.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";
import { inboundBody, randomMobile, signInbound } from "../helpers/twilio-inbound.ts";

const token = randomBytes(16).toString("hex");
// Twilio signs the public URL (APP_URL, set by tests/setup/env.ts); this process may see another host.
const PUBLIC_URL = "http://localhost:3000/api/webhooks/twilio/sms";
const INTERNAL_URL = "http://127.0.0.1:3000/api/webhooks/twilio/sms";
const DAY = 24 * 60 * 60 * 1000;

const ownNumber = () => `+4759${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

let shop: { id: string; number: string };
let other: { id: string; number: string };

beforeAll(async () => {
  process.env.TWILIO_AUTH_TOKEN = token;
  const a = await createTestDealership({
    name: "Fjordbil SMS",
    smsNumber: ownNumber(),
    phone: "+4722334455",
  });
  const b = await createTestDealership({ name: "Vestland SMS", smsNumber: ownNumber() });
  shop = { id: a.id, number: a.smsNumber! };
  other = { id: b.id, number: b.smsNumber! };
});
afterAll(async () => {
  await flushWebhookLog();
  await stopSenderBoss();
  await closeDb();
});

function post(
  body: string,
  { signature, url = INTERNAL_URL }: { signature?: string | null; url?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const sig = signature === undefined ? signInbound(token, PUBLIC_URL, body) : signature;
  if (sig) headers["x-twilio-signature"] = sig;
  return POST(new Request(url, { method: "POST", headers, body }));
}

async function send(fixture: string, to: string, from: string, set?: Record<string, string>) {
  const { body, sid } = inboundBody(fixture, { to, from, set });
  const res = await post(body);
  return { res, sid, status: res.headers.get("x-norvalt-sms"), body };
}

const jobsFor = (dealershipId: string, name: string, leadId: string) =>
  withTenant(dealershipId, async (tx) => {
    const { rows } = await tx.execute<{ data: Record<string, string> }>(
      sql`select data from pgboss.job where name = ${name} and data->>'leadId' = ${leadId}`,
    );
    return rows.map((r) => r.data);
  });

describe("POST /api/webhooks/twilio/sms: signature", () => {
  it("403 without or with a wrong X-Twilio-Signature, and nothing is stored", async () => {
    const from = randomMobile();
    const { body, sid } = inboundBody("01-norwegian-text-nynorsk.form", { to: shop.number, from });
    expect((await post(body, { signature: null })).status).toBe(403);
    expect((await post(body, { signature: signInbound("wrong-token", PUBLIC_URL, body) })).status).toBe(403);
    // Signed for another URL (the internal one Twilio never called).
    expect((await post(body, { signature: signInbound(token, INTERNAL_URL, body) })).status).toBe(403);
    // A parameter changed after signing.
    const signature = signInbound(token, PUBLIC_URL, body);
    expect((await post(body.replace("Body=Hei", "Body=Hoi"), { signature })).status).toBe(403);
    const stored = await withTenant(shop.id, (tx) =>
      tx.select().from(inboundSms).where(eq(inboundSms.messageSid, sid)),
    );
    expect(stored).toEqual([]);
  });

  it("503 until the auth token is set, so Twilio retries", async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    try {
      const { body } = inboundBody("01-norwegian-text-nynorsk.form", {
        to: shop.number,
        from: randomMobile(),
      });
      expect((await post(body, { signature: "x" })).status).toBe(503);
    } finally {
      process.env.TWILIO_AUTH_TOKEN = token;
    }
  });

  it("400 for a signed body that is not an inbound message (a status callback)", async () => {
    const body = "MessageSid=SM0b6e2697aae04182a9f5b5c7a8994c7f&MessageStatus=delivered";
    const res = await post(body);
    expect(res.status).toBe(400);
  });
});

describe("POST /api/webhooks/twilio/sms: a new customer", () => {
  it("starts a lead (source sms) through ingestLead, with its first-reply job, once per MessageSid", async () => {
    const from = randomMobile();
    const { res, sid, status, body } = await send("01-norwegian-text-nynorsk.form", shop.number, from);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await res.text()).toContain("<Response></Response>");
    expect(status).toBe("new_lead");
    const [lead] = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, shop.id), eq(leads.phoneNormalized, from))),
    );
    expect(lead).toMatchObject({ source: "sms", externalId: sid });
    expect(lead!.initialMessage).toContain("Eg vil gjerne prøvekøyre på laurdag");
    expect(await jobsFor(shop.id, "lead.respond", lead!.id)).toHaveLength(1);
    const [first] = await withTenant(shop.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, lead!.id)),
    );
    expect(first).toMatchObject({ channel: "sms", direction: "inbound", senderType: "customer" });

    // Twilio retries the same delivery: nothing new.
    const again = await post(body);
    expect(again.headers.get("x-norvalt-sms")).toBe("duplicate");
    const rows = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, shop.id), eq(leads.phoneNormalized, from))),
    );
    expect(rows).toHaveLength(1);
    const stored = await withTenant(shop.id, (tx) =>
      tx.select().from(inboundSms).where(eq(inboundSms.messageSid, sid)),
    );
    expect(stored).toMatchObject([{ outcome: "new_lead", leadId: lead!.id, fromNumber: from }]);
  });

  it("keeps emoji and 4-byte UTF-8 as the customer wrote them", async () => {
    const from = randomMobile();
    await send("05-emoji-body.form", shop.number, from);
    const [lead] = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, shop.id), eq(leads.phoneNormalized, from))),
    );
    expect(lead!.initialMessage).toBe("Takk for svar 👍 Vi kommer innom kl 12 på fredag 🚗⚡");
  });

  it("an unknown sender on a number nobody owns is answered 200 and stored nowhere", async () => {
    const { status } = await send("01-norwegian-text-nynorsk.form", "+4759999999", randomMobile());
    expect(status).toBe("unrouted");
  });

  it("stores a NUL or control character in the body as clean text, never a 500", async () => {
    const from = randomMobile();
    const { res } = await send("01-norwegian-text-nynorsk.form", shop.number, from, {
      Body: "Hei\u0000 der\u0007",
    });
    expect(res.status).toBe(200);
    const [lead] = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, shop.id), eq(leads.phoneNormalized, from))),
    );
    expect(lead!.initialMessage).toBe("Hei der");
  });
});

describe("POST /api/webhooks/twilio/sms: threading", () => {
  async function givenConversation(dealershipId: string, phone: string, at: Date, createdAt = at) {
    const lead = await createTestLead(dealershipId, {
      source: "website",
      customerPhone: phone,
      phoneNormalized: phone,
      status: "contacted",
      createdAt,
    });
    await withTenant(dealershipId, (tx) =>
      tx.insert(conversations).values({
        dealershipId,
        leadId: lead.id,
        channel: "sms",
        direction: "outbound",
        sender: "AI",
        senderType: "ai",
        messageContent: "Hei! Bilen er ledig. Passer lørdag?",
        deliveryStatus: "delivered",
        metadata: { kind: "first_reply" },
        createdAt: at,
      }),
    );
    return lead;
  }

  it("a reply joins the customer's open lead, cancels the AI's unsent messages and asks for a reply turn", async () => {
    const from = randomMobile();
    const lead = await givenConversation(shop.id, from, new Date(Date.now() - 60_000));
    await withTenant(shop.id, (tx) =>
      tx.insert(conversations).values({
        dealershipId: shop.id,
        leadId: lead.id,
        channel: "sms",
        direction: "outbound",
        sender: "AI",
        senderType: "ai",
        messageContent: "Utkast",
        deliveryStatus: "draft",
      }),
    );
    const { status, sid } = await send("01-norwegian-text-nynorsk.form", shop.number, from);
    expect(status).toBe("threaded");
    const thread = await withTenant(shop.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, lead.id)),
    );
    const inbound = thread.find((m) => m.direction === "inbound")!;
    expect(inbound).toMatchObject({ channel: "sms", senderType: "customer", providerMessageId: sid });
    expect(thread.find((m) => m.messageContent === "Utkast")).toMatchObject({ deliveryStatus: "cancelled" });
    expect(await jobsFor(shop.id, "conversation.reply", lead.id)).toEqual([
      expect.objectContaining({ messageId: inbound.id }),
    ]);
  });

  it("a reply to an old lead after its merge window still opens that lead (recency of the conversation)", async () => {
    const from = randomMobile();
    const lead = await givenConversation(
      shop.id,
      from,
      new Date(Date.now() - 2 * DAY),
      new Date(Date.now() - 12 * DAY),
    );
    const { status } = await send("05-emoji-body.form", shop.number, from);
    expect(status).toBe("threaded");
    const rows = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, shop.id), eq(leads.phoneNormalized, from))),
    );
    expect(rows.map((l) => l.id)).toEqual([lead.id]);
  });

  it("a text 40 days after the last message, or to a won lead, starts a new lead", async () => {
    const from = randomMobile();
    const old = await givenConversation(shop.id, from, new Date(Date.now() - 40 * DAY));
    expect((await send("05-emoji-body.form", shop.number, from)).status).toBe("new_lead");
    const from2 = randomMobile();
    const won = await givenConversation(shop.id, from2, new Date(Date.now() - DAY));
    await withTenant(shop.id, (tx) => tx.update(leads).set({ status: "won" }).where(eq(leads.id, won.id)));
    expect((await send("05-emoji-body.form", shop.number, from2)).status).toBe("new_lead");
    expect(old.id).not.toBe(won.id);
  });

  it("an MMS is threaded with its media referenced by URL, not downloaded", async () => {
    const from = randomMobile();
    const lead = await givenConversation(shop.id, from, new Date(Date.now() - 60_000));
    const { sid } = await send("04-mms-one-image.form", shop.number, from);
    const [inbound] = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, lead.id), eq(conversations.direction, "inbound"))),
    );
    expect(inbound!.messageContent).toBe(
      "Her er bilder av innbyttebilen. Litt rust på bakluka.\n[Vedlegg: image/jpeg]",
    );
    expect(inbound!.metadata.media).toEqual([
      {
        url: expect.stringMatching(
          new RegExp(
            `^https://api\\.twilio\\.com/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages/${sid}/Media/ME[0-9a-f]{32}$`,
          ),
        ),
        contentType: "image/jpeg",
      },
    ]);
  });

  it("a media URL that is not Twilio's is dropped", async () => {
    const from = randomMobile();
    const lead = await givenConversation(shop.id, from, new Date(Date.now() - 60_000));
    await send("04-mms-one-image.form", shop.number, from, {
      MediaUrl0: "http://169.254.169.254/latest/meta-data",
    });
    const [inbound] = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, lead.id), eq(conversations.direction, "inbound"))),
    );
    expect(inbound!.metadata.media).toBeUndefined();
  });
});

describe("POST /api/webhooks/twilio/sms: STOP / START / HJELP", () => {
  const outboxTo = (dealershipId: string, to: string) =>
    withTenant(dealershipId, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.toAddress, to))),
    );
  const suppressed = (dealershipId: string, phone: string) =>
    withTenant(dealershipId, (tx) =>
      tx
        .select()
        .from(suppressions)
        .where(
          and(
            eq(suppressions.channel, "sms"),
            eq(suppressions.address, hashSuppressionAddress("sms", phone)),
          ),
        ),
    );

  it("STOPP (not a Twilio keyword): suppressed, the AI's unsent messages stopped, one confirmation from our number", async () => {
    const from = randomMobile();
    const lead = await createTestLead(shop.id, { customerPhone: from, phoneNormalized: from });
    const { status, body } = await send("02-stopp-norwegian-not-a-default-keyword.form", shop.number, from);
    expect(status).toBe("opted_out");
    expect(await suppressed(shop.id, from)).toHaveLength(1);
    await post(body); // Twilio retries: still one confirmation
    const sent = await outboxTo(shop.id, from);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: "sms", fromAddress: shop.number });
    expect(sent[0]!.bodyText).toMatch(/Fjordbil SMS: Du er meldt av.*Send START/);
    const events = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "sms.opted_out"))),
    );
    expect(events).toHaveLength(1);
    // No lead is created for a keyword.
    expect(
      (await send("02-stopp-norwegian-not-a-default-keyword.form", shop.number, randomMobile())).status,
    ).toBe("opted_out");
  });

  it("STOP with OptOutType (Twilio answered already): suppressed, no second answer; START lifts it", async () => {
    const from = randomMobile();
    expect((await send("03-stop-advanced-opt-out.form", shop.number, from)).status).toBe("opted_out");
    expect(await suppressed(shop.id, from)).toHaveLength(1);
    expect(await outboxTo(shop.id, from)).toHaveLength(0);
    expect(
      (await send("02-stopp-norwegian-not-a-default-keyword.form", shop.number, from, { Body: "start" }))
        .status,
    ).toBe("opted_in");
    expect(await suppressed(shop.id, from)).toHaveLength(0);
  });

  it("HJELP gets the dealership's contact and how to stop; HELP is left to Twilio", async () => {
    const from = randomMobile();
    expect(
      (await send("02-stopp-norwegian-not-a-default-keyword.form", shop.number, from, { Body: "Hjelp" }))
        .status,
    ).toBe("help");
    const [answer] = await outboxTo(shop.id, from);
    expect(answer!.bodyText).toBe(
      "Fjordbil SMS: Svar på denne meldingen for å skrive med oss eller ring 22 33 44 55. Send STOPP for å melde deg av.",
    );
    const from2 = randomMobile();
    expect(
      (await send("02-stopp-norwegian-not-a-default-keyword.form", shop.number, from2, { Body: "HELP" }))
        .status,
    ).toBe("help");
    expect(await outboxTo(shop.id, from2)).toHaveLength(0);
  });
});

describe("POST /api/webhooks/twilio/sms: tenants", () => {
  it("a customer with leads at two dealerships reaches the one whose number they texted", async () => {
    const from = randomMobile();
    const atOther = await createTestLead(other.id, {
      customerPhone: from,
      phoneNormalized: from,
      status: "contacted",
    });
    const { status } = await send("05-emoji-body.form", shop.number, from);
    expect(status).toBe("new_lead");
    const otherThread = await withTenant(other.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, atOther.id)),
    );
    expect(otherThread).toEqual([]);
    // STOP at one dealership does not suppress the number at the other.
    await send("03-stop-advanced-opt-out.form", shop.number, from);
    const otherSuppressions = await withTenant(other.id, (tx) =>
      tx
        .select()
        .from(suppressions)
        .where(
          and(eq(suppressions.channel, "sms"), eq(suppressions.address, hashSuppressionAddress("sms", from))),
        ),
    );
    expect(otherSuppressions).toEqual([]);
  });

  it("the shared number routes by the customer's last conversation among dealerships without their own number", async () => {
    const noNumberA = await createTestDealership({ name: "Delt A" });
    const noNumberB = await createTestDealership({ name: "Delt B" });
    const from = randomMobile();
    await createTestLead(noNumberA.id, {
      customerPhone: from,
      phoneNormalized: from,
      createdAt: new Date(Date.now() - 3 * DAY),
    });
    const recent = await createTestLead(noNumberB.id, {
      customerPhone: from,
      phoneNormalized: from,
      status: "contacted",
    });
    const { status } = await send("05-emoji-body.form", "+4740000099", from);
    expect(status).toBe("threaded");
    const thread = await withTenant(noNumberB.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, recent.id)),
    );
    expect(thread).toHaveLength(1);
  });

  it("a MessageSid one dealership stored is a duplicate for every other (Twilio's ids are global)", async () => {
    const from = randomMobile();
    const first = await send("05-emoji-body.form", shop.number, from);
    const { body } = inboundBody("05-emoji-body.form", { to: other.number, from, sid: first.sid });
    const res = await post(body);
    expect(res.headers.get("x-norvalt-sms")).toBe("duplicate");
    const atOther = await withTenant(other.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.dealershipId, other.id), eq(leads.phoneNormalized, from))),
    );
    expect(atOther).toEqual([]);
  });
});
