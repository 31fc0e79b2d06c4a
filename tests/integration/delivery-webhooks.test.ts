import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { Webhook } from "svix";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postResend } from "../../app/api/webhooks/resend/route.ts";
import { POST as postTwilio } from "../../app/api/webhooks/twilio/status/route.ts";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages, suppressions, webhookRequests } from "../../db/schema/operations.ts";
import { hashSuppressionAddress } from "../../lib/suppressions/hash-suppression-address.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { deliverSms } from "../../lib/deliveries/deliver-sms.ts";
import { setSmsSenderForTests } from "../../lib/integrations/sms/get-sms-sender.ts";
import { createTwilioSms } from "../../lib/integrations/sms/twilio-sms.ts";
import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { flushWebhookLog } from "../../lib/webhook-log/record-webhook-request.ts";
import { startFakeTwilio } from "../fakes/twilio-server.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

const fixture = (dir: string, name: string) =>
  readFileSync(join(resolve(import.meta.dirname, "../fixtures", dir), name), "utf8");
const resendFixture = (name: string) => fixture("resend-webhooks", name);
const twilioFixture = (name: string) => fixture("twilio-status-callbacks", name);

// The ids inside the fixtures: every Resend capture but the docs sample shares one email_id.
const EMAIL_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const DOCS_EMAIL_ID = "56761188-7520-42d8-8898-ff6fc54ce618";
const SID_DELIVERED = "SM357343637";
const SID_FAILED = "SMe287d7109a5a925f182f0e07fe5b223b";
const SID_SENT = "SM0b6e2697aae04182a9f5b5c7a8994c7f";
const FIXTURE_IDS = [EMAIL_ID, DOCS_EMAIL_ID, SID_DELIVERED, SID_FAILED, SID_SENT];

const resendSecret = `whsec_${randomBytes(24).toString("base64")}`;
const twilioToken = randomBytes(16).toString("hex");
// Twilio signs the public URL (APP_URL, set by tests/setup/env.ts); this process may see another host.
const PUBLIC_STATUS_URL = "http://localhost:3000/api/webhooks/twilio/status";
const INTERNAL_STATUS_URL = "http://127.0.0.1:3000/api/webhooks/twilio/status";

let dealershipId: string;
let repId: string;

beforeAll(async () => {
  process.env.RESEND_WEBHOOK_SECRET = resendSecret;
  process.env.TWILIO_AUTH_TOKEN = twilioToken;
  const dealership = await createTestDealership({ name: "Returbil AS" });
  dealershipId = dealership.id;
  repId = (await createTestUser(dealershipId, { role: "sales_rep", phone: "+4791234567" })).id;
});
afterAll(async () => {
  // The fixtures carry fixed vendor ids: leave nothing that a rerun on a kept database would trip over.
  await removeFixtureMessages();
  await stopSenderBoss();
  await closeDb();
});

const removeFixtureMessages = () =>
  withSystem(async (tx) => {
    await tx.delete(outboxMessages).where(inArray(outboxMessages.providerMessageId, FIXTURE_IDS));
    await tx.delete(conversations).where(inArray(conversations.providerMessageId, FIXTURE_IDS));
  });

/** A lead and our record of one message to it with the fixture's vendor id, as the adapters leave them. */
async function givenSentMessage(options: {
  provider: "resend" | "twilio";
  providerMessageId: string;
  to: string;
  status?: "sent" | "queued" | "delivered";
}) {
  await removeFixtureMessages();
  const channel = options.provider === "resend" ? "email" : "sms";
  const lead = await createTestLead(dealershipId, {
    assignedTo: repId,
    customerName: "Kari Nordmann",
    ...(channel === "email"
      ? { customerEmail: options.to, emailNormalized: options.to, customerPhone: "+4740000000" }
      : { customerPhone: options.to, phoneNormalized: options.to }),
  });
  const status = options.status ?? (channel === "email" ? "sent" : "queued");
  await withTenant(dealershipId, async (tx) => {
    await tx.insert(outboxMessages).values({
      dealershipId,
      channel,
      provider: options.provider,
      toAddress: options.to,
      bodyText: "Hei Kari! Bilen er fortsatt til salgs.",
      leadId: lead.id,
      status,
      providerMessageId: options.providerMessageId,
      sentAt: new Date(),
    });
    await tx.insert(conversations).values({
      dealershipId,
      leadId: lead.id,
      channel,
      direction: "outbound",
      senderType: "ai",
      messageContent: "Hei Kari! Bilen er fortsatt til salgs.",
      deliveryStatus: status,
      providerMessageId: options.providerMessageId,
    });
  });
  return lead.id;
}

const stateOf = (providerMessageId: string) =>
  withTenant(dealershipId, async (tx) => {
    const [outbox] = await tx
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.dealershipId, dealershipId),
          eq(outboxMessages.providerMessageId, providerMessageId),
        ),
      );
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.providerMessageId, providerMessageId),
        ),
      );
    return { outbox: outbox!, conversation: conversation! };
  });
const leadOf = (leadId: string) =>
  withTenant(dealershipId, async (tx) => (await tx.select().from(leads).where(eq(leads.id, leadId)))[0]!);
const suppressionsFor = (address: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select({ channel: suppressions.channel, reason: suppressions.reason, leadId: suppressions.leadId })
      .from(suppressions)
      .where(
        and(
          eq(suppressions.dealershipId, dealershipId),
          eq(suppressions.address, hashSuppressionAddress(address.includes("@") ? "email" : "sms", address)),
        ),
      ),
  );
async function notifyJobs(leadId: string) {
  const { rows } = await getDb().execute<{ reason: string }>(
    sql`select data->>'reason' as reason from pgboss.job where name = 'rep.notify' and data->>'leadId' = ${leadId}`,
  );
  return rows.map((r) => r.reason);
}

// --- Resend -------------------------------------------------------------------------------------------------

type SignOptions = { msgId?: string; secret?: string };
function postResendEvent(
  body: string,
  { msgId = `msg_${randomUUID()}`, secret = resendSecret }: SignOptions = {},
) {
  const timestamp = new Date();
  return postResend(
    new Request("http://localhost/api/webhooks/resend", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "svix-id": msgId,
        "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "svix-signature": new Webhook(secret).sign(msgId, timestamp, body),
      },
      body,
    }),
  );
}
const deliverResend = async (name: string, options: SignOptions = {}) => {
  const res = await postResendEvent(resendFixture(name), options);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string };
};

describe("POST /api/webhooks/resend", () => {
  it("email.sent and email.delivered move the outbox message and the conversation forward", async () => {
    await givenSentMessage({ provider: "resend", providerMessageId: EMAIL_ID, to: "to@example.org" });
    expect(await deliverResend("email.sent.json")).toEqual({ status: "applied" });
    expect(await stateOf(EMAIL_ID)).toMatchObject({
      outbox: { status: "sent" },
      conversation: { deliveryStatus: "sent" },
    });

    expect(await deliverResend("email.delivered.json")).toEqual({ status: "applied" });
    const delivered = new Date("2023-09-28T17:19:44.823Z");
    expect(await stateOf(EMAIL_ID)).toMatchObject({
      outbox: { status: "delivered", deliveredAt: delivered },
      conversation: { deliveryStatus: "delivered", deliveredAt: delivered },
    });

    await flushWebhookLog();
    const [log] = await withSystem((tx) =>
      tx
        .select()
        .from(webhookRequests)
        .where(eq(webhookRequests.source, "resend"))
        .orderBy(desc(webhookRequests.createdAt))
        .limit(1),
    );
    expect(log).toMatchObject({ statusCode: 200, dealershipId, requestBody: null });
  });

  it("never moves a status backwards: a late email.sent after email.delivered changes nothing", async () => {
    await givenSentMessage({ provider: "resend", providerMessageId: EMAIL_ID, to: "to@example.org" });
    await deliverResend("email.delivered.json");
    expect(await deliverResend("email.sent.json")).toEqual({ status: "applied" });
    expect(await stateOf(EMAIL_ID)).toMatchObject({
      outbox: { status: "delivered" },
      conversation: { deliveryStatus: "delivered" },
    });
  });

  it("email.delivery_delayed keeps the status and notes the delay", async () => {
    await givenSentMessage({
      provider: "resend",
      providerMessageId: DOCS_EMAIL_ID,
      to: "delivered@resend.dev",
    });
    expect(await deliverResend("email.delivery_delayed-docs-sample.json")).toEqual({ status: "applied" });
    const { outbox } = await stateOf(DOCS_EMAIL_ID);
    expect(outbox).toMatchObject({
      status: "sent",
      metadata: { deliveryDelayedAt: "2023-02-22T23:41:12.126Z" },
    });
  });

  it("a hard bounce suppresses the address, flags the lead and queues one SMS to the rep", async () => {
    const leadId = await givenSentMessage({
      provider: "resend",
      providerMessageId: EMAIL_ID,
      to: "bounced@resend.dev",
    });
    const msgId = `msg_${randomUUID()}`;
    expect(await deliverResend("email.bounced-hard.json", { msgId })).toEqual({ status: "applied" });

    expect(await stateOf(EMAIL_ID)).toMatchObject({
      outbox: { status: "bounced", error: expect.stringMatching(/hard bounce message/) },
      conversation: {
        deliveryStatus: "bounced",
        deliveryError: expect.stringMatching(/hard bounce message/),
      },
    });
    expect(await suppressionsFor("bounced@resend.dev")).toEqual([
      { channel: "email", reason: "hard_bounce", leadId },
    ]);
    expect(await leadOf(leadId)).toMatchObject({
      needsReview: true,
      reviewReason: expect.stringMatching(/^E-posten til bounced@resend\.dev kom i retur/),
    });
    expect(await notifyJobs(leadId)).toEqual(["bounced"]);
    const events = await withTenant(dealershipId, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)),
    );
    expect(events).toMatchObject([{ type: "email.bounced", actorType: "system" }]);

    // Redelivered by svix (same id) and re-sent by Resend (new id): no second alert.
    expect(await deliverResend("email.bounced-hard.json", { msgId })).toEqual({ status: "duplicate" });
    expect(await deliverResend("email.bounced-hard.json")).toEqual({ status: "applied" });
    expect(await notifyJobs(leadId)).toEqual(["bounced"]);
    expect(await suppressionsFor("bounced@resend.dev")).toHaveLength(1);
  });

  it("the rep's SMS about a bounce says so in Norwegian, once", async () => {
    const leadId = await givenSentMessage({
      provider: "resend",
      providerMessageId: EMAIL_ID,
      to: "bounced@resend.dev",
    });
    // The rep.notify job's handler, with the dev outbox as SMS adapter (no Twilio keys in tests).
    expect(await notifyRep({ dealershipId }, { leadId, reason: "bounced" })).toEqual({
      status: "sent",
      channels: ["sms"],
    });
    expect(await notifyRep({ dealershipId }, { leadId, reason: "bounced" })).toEqual({
      status: "sent",
      channels: ["sms"],
    });
    const texts = await withTenant(dealershipId, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.channel, "sms"))),
    );
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ toAddress: "+4791234567" });
    expect(texts[0]!.bodyText).toMatch(
      /^E-posten til Kari Nordmann \(bounced@resend\.dev\) kom i retur, så kunden har ikke fått svar\. Ring kunden på \+4740000000\. http:\/\/localhost:3000\/leads\//,
    );
  });

  it("a bounce because Resend's suppression list holds the address counts as hard", async () => {
    const leadId = await givenSentMessage({
      provider: "resend",
      providerMessageId: EMAIL_ID,
      to: "blocked@example.org",
    });
    await deliverResend("email.bounced-suppressed.json");
    expect((await stateOf(EMAIL_ID)).outbox).toMatchObject({
      status: "bounced",
      error: expect.stringMatching(/account-level suppression list/),
    });
    expect(await suppressionsFor("blocked@example.org")).toEqual([
      { channel: "email", reason: "hard_bounce", leadId },
    ]);
    expect(await notifyJobs(leadId)).toEqual(["bounced"]);
  });

  it("a bounce after delivery still moves forward; a transient one does not suppress", async () => {
    const leadId = await givenSentMessage({
      provider: "resend",
      providerMessageId: EMAIL_ID,
      to: "soft@example.org",
      status: "delivered",
    });
    const soft = JSON.parse(resendFixture("email.bounced-hard.json"));
    soft.data.bounce = { type: "Transient", subType: "MailboxFull", message: "Mailbox full" };
    const res = await postResendEvent(JSON.stringify(soft));
    expect(res.status).toBe(200);
    expect((await stateOf(EMAIL_ID)).outbox).toMatchObject({
      status: "bounced",
      error: "Transient/MailboxFull: Mailbox full",
    });
    expect(await suppressionsFor("soft@example.org")).toEqual([]);
    expect(await leadOf(leadId)).toMatchObject({ needsReview: false });
    expect(await notifyJobs(leadId)).toEqual([]);
  });

  it("a complaint suppresses the address and outranks delivered", async () => {
    const leadId = await givenSentMessage({
      provider: "resend",
      providerMessageId: EMAIL_ID,
      to: "complained@resend.dev",
      status: "delivered",
    });
    expect(await deliverResend("email.complained.json")).toEqual({ status: "applied" });
    expect(await stateOf(EMAIL_ID)).toMatchObject({
      outbox: { status: "complained" },
      conversation: { deliveryStatus: "complained" },
    });
    expect(await suppressionsFor("complained@resend.dev")).toEqual([
      { channel: "email", reason: "complaint", leadId },
    ]);
    expect(await notifyJobs(leadId)).toEqual([]);
    // A late delivery report does not undo it.
    await deliverResend("email.delivered.json");
    expect((await stateOf(EMAIL_ID)).outbox.status).toBe("complained");
  });

  it("answers 200 and ignores events for e-mails it did not send, and event types it does not track", async () => {
    await removeFixtureMessages();
    expect(await deliverResend("email.delivered.json")).toEqual({ status: "ignored" });
    const opened = await postResendEvent(JSON.stringify({ type: "contact.created", data: { id: "x" } }));
    expect(await opened.json()).toEqual({ status: "ignored" });
  });

  it("rejects a bad or missing signature (401) and changes nothing", async () => {
    await givenSentMessage({ provider: "resend", providerMessageId: EMAIL_ID, to: "bounced@resend.dev" });
    const wrong = await postResendEvent(resendFixture("email.bounced-hard.json"), {
      secret: `whsec_${randomBytes(24).toString("base64")}`,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "invalid_signature" });
    const unsigned = await postResend(
      new Request("http://localhost/api/webhooks/resend", {
        method: "POST",
        body: resendFixture("email.bounced-hard.json"),
      }),
    );
    expect(unsigned.status).toBe(401);
    expect((await stateOf(EMAIL_ID)).outbox.status).toBe("sent");
  });

  it("answers 400 to a signed e-mail event without an email_id, and 503 without a secret", async () => {
    const res = await postResendEvent(JSON.stringify({ type: "email.delivered", data: { to: ["x@y.no"] } }));
    expect(res.status).toBe(400);
    delete process.env.RESEND_WEBHOOK_SECRET;
    try {
      expect((await postResendEvent(resendFixture("email.delivered.json"))).status).toBe(503);
    } finally {
      process.env.RESEND_WEBHOOK_SECRET = resendSecret;
    }
  });
});

// --- Twilio -------------------------------------------------------------------------------------------------

function postTwilioCallback(
  body: string,
  { query = "", token = twilioToken, signature }: { query?: string; token?: string; signature?: string } = {},
) {
  const params = Object.fromEntries(new URLSearchParams(body));
  return postTwilio(
    new Request(`${INTERNAL_STATUS_URL}${query}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        "x-twilio-signature":
          signature ?? twilio.getExpectedTwilioSignature(token, `${PUBLIC_STATUS_URL}${query}`, params),
      },
      body,
    }),
  );
}
/** The body of the logged request in the .http fixture, and the query string of its request line. */
function httpFixture(name: string) {
  const raw = twilioFixture(name);
  const [head, body] = raw.split("\r\n\r\n");
  const target = head!.split("\r\n")[0]!.split(" ")[1]!;
  return { body: body!, query: target.slice(target.indexOf("?")) };
}

describe("POST /api/webhooks/twilio/status", () => {
  it("maps MessageStatus onto the SMS (sent, via a messaging service)", async () => {
    await givenSentMessage({ provider: "twilio", providerMessageId: SID_SENT, to: "+4791234567" });
    const res = await postTwilioCallback(twilioFixture("status-sent-via-messaging-service-shortcode.form"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "applied" });
    expect(await stateOf(SID_SENT)).toMatchObject({
      outbox: { status: "sent", metadata: { twilioStatus: "sent" } },
      conversation: { deliveryStatus: "sent" },
    });
  });

  it("delivered (a whole logged request; its query string is part of what Twilio signs), then never back", async () => {
    await givenSentMessage({ provider: "twilio", providerMessageId: SID_DELIVERED, to: "+593990000000" });
    const { body, query } = httpFixture("status-delivered-full-http-request.http");
    expect(query).toBe("?id=86598533&action=callback");
    const res = await postTwilioCallback(body, { query });
    expect(res.status).toBe(200);
    expect(await stateOf(SID_DELIVERED)).toMatchObject({
      outbox: { status: "delivered", deliveredAt: expect.any(Date) },
      conversation: { deliveryStatus: "delivered", deliveredAt: expect.any(Date) },
    });
    // Signed for the URL without the query: not what was called.
    const unsignedQuery = await postTwilio(
      new Request(`${INTERNAL_STATUS_URL}${query}`, {
        method: "POST",
        headers: {
          "x-twilio-signature": twilio.getExpectedTwilioSignature(
            twilioToken,
            PUBLIC_STATUS_URL,
            Object.fromEntries(new URLSearchParams(body)),
          ),
        },
        body,
      }),
    );
    expect(unsignedQuery.status).toBe(403);

    const late = body.replace(
      "SmsStatus=delivered&MessageStatus=delivered",
      "SmsStatus=sent&MessageStatus=sent",
    );
    expect(late).not.toBe(body);
    expect((await postTwilioCallback(late)).status).toBe(200);
    expect((await stateOf(SID_DELIVERED)).outbox.status).toBe("delivered");
  });

  it("failed with ErrorCode 21610 (the recipient texted STOP): error stored, number suppressed", async () => {
    const leadId = await givenSentMessage({
      provider: "twilio",
      providerMessageId: SID_FAILED,
      to: "+12028831111",
    });
    const res = await postTwilioCallback(twilioFixture("status-failed-21610-opted-out.form"));
    expect(res.status).toBe(200);
    expect(await stateOf(SID_FAILED)).toMatchObject({
      outbox: { status: "failed", error: "Twilio error 21610", metadata: { twilioErrorCode: "21610" } },
      conversation: { deliveryStatus: "failed", deliveryError: "Twilio error 21610" },
    });
    expect(await suppressionsFor("+12028831111")).toEqual([
      { channel: "sms", reason: "unsubscribe", leadId },
    ]);
  });

  it("ignores an inbound message posted to the status URL", async () => {
    await givenSentMessage({ provider: "twilio", providerMessageId: SID_FAILED, to: "+12028831111" });
    const res = await postTwilioCallback(twilioFixture("inbound-sms-received.form"));
    expect(await res.json()).toEqual({ status: "ignored" });
    expect((await stateOf(SID_FAILED)).outbox.status).toBe("queued");
  });

  it("rejects a bad or missing X-Twilio-Signature with 403 and changes nothing", async () => {
    await givenSentMessage({ provider: "twilio", providerMessageId: SID_SENT, to: "+4791234567" });
    const body = twilioFixture("status-sent-via-messaging-service-shortcode.form");
    const wrongToken = await postTwilioCallback(body, { token: "not-the-token" });
    expect(wrongToken.status).toBe(403);
    expect(await wrongToken.json()).toEqual({ error: "invalid_signature" });
    const tampered = await postTwilioCallback(body.replace("MessageStatus=sent", "MessageStatus=delivered"), {
      signature: twilio.getExpectedTwilioSignature(
        twilioToken,
        PUBLIC_STATUS_URL,
        Object.fromEntries(new URLSearchParams(body)),
      ),
    });
    expect(tampered.status).toBe(403);
    const missing = await postTwilio(new Request(INTERNAL_STATUS_URL, { method: "POST", body }));
    expect(missing.status).toBe(403);
    expect((await stateOf(SID_SENT)).outbox.status).toBe("queued");
  });

  it("is 503 without TWILIO_AUTH_TOKEN", async () => {
    delete process.env.TWILIO_AUTH_TOKEN;
    try {
      const res = await postTwilioCallback(twilioFixture("status-sent-via-messaging-service-shortcode.form"));
      expect(res.status).toBe(503);
    } finally {
      process.env.TWILIO_AUTH_TOKEN = twilioToken;
    }
  });

  it("end to end with the fake: an SMS sent through it, then the fake's signed callback", async () => {
    const fake = await startFakeTwilio({ authToken: twilioToken });
    try {
      const sender = createTwilioSms({
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        from: "+4759440000",
        baseUrl: fake.url,
        statusCallbackUrl: PUBLIC_STATUS_URL,
      });
      setSmsSenderForTests(sender);
      const sent = await deliverSms({ dealershipId }, { to: "+4791234567", body: "Hei!" });
      const callback = fake.statusCallback(sent.providerMessageId!, "undelivered", { errorCode: "30003" });
      const res = await postTwilio(
        new Request(INTERNAL_STATUS_URL, { method: "POST", headers: callback.headers, body: callback.body }),
      );
      expect(await res.json()).toEqual({ status: "applied" });
      const [row] = await withTenant(dealershipId, (tx) =>
        tx.select().from(outboxMessages).where(eq(outboxMessages.id, sent.outboxId)),
      );
      expect(row).toMatchObject({ status: "failed", error: "Twilio error 30003" });
    } finally {
      setSmsSenderForTests(undefined);
      await fake.close();
    }
  });
});
