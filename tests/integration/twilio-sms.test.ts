import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { customerSendSms } from "../../jobs/definitions/customer-send-sms.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { deliverSms, type OutgoingSms } from "../../lib/deliveries/deliver-sms.ts";
import { getSmsSender, setSmsSenderForTests } from "../../lib/integrations/sms/get-sms-sender.ts";
import { createTwilioSms, type TwilioSmsOptions } from "../../lib/integrations/sms/twilio-sms.ts";
import { startFakeTwilio, type FakeTwilio } from "../fakes/twilio-server.ts";
import { createTestDealership } from "../helpers/factories.ts";

const STATUS_CALLBACK = "http://localhost:3000/api/webhooks/twilio/status";
let fake: FakeTwilio;
let dealershipId: string;

beforeAll(async () => {
  fake = await startFakeTwilio();
  dealershipId = (await createTestDealership()).id;
});
beforeEach(() => fake.reset());
afterAll(async () => {
  setSmsSenderForTests(undefined);
  await fake.close();
  await closeDb();
});

const twilioSms = (overrides: Partial<TwilioSmsOptions> = {}) =>
  createTwilioSms({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: "+4759440000",
    baseUrl: fake.url,
    statusCallbackUrl: STATUS_CALLBACK,
    ...overrides,
  });
// The port as the app uses it: through the delivery ledger (outbox row, idempotency, settle).
const sendThrough = (sender: ReturnType<typeof twilioSms>, message: OutgoingSms) => {
  setSmsSenderForTests(sender);
  return deliverSms({ dealershipId }, message);
};
const sms = (overrides: Partial<OutgoingSms> = {}): OutgoingSms => ({
  to: "+4791234567",
  body: "Nytt lead: Kari Nordmann – VW ID.4. Kunden har fått svar.",
  idempotencyKey: `rep-sms:${randomUUID()}`,
  ...overrides,
});
const outboxRow = (key: string) =>
  withTenant(dealershipId, async (tx) => {
    const rows = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.idempotencyKey, key)));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  });

describe("createTwilioSms through the delivery ledger", () => {
  it("sends through the Messages API with a status callback and records the SID and segments", async () => {
    // 170 GSM-7 characters, Norwegian letters included: two parts of 153.
    const body =
      "Hei! Bilen du spurte om står klar til prøvekjøring på lørdag. Æ, Ø og Å koster ikke mer. ".padEnd(
        170,
        "å",
      );
    const message = sms({ body });
    const sent = await sendThrough(twilioSms(), message);

    expect(fake.messages).toHaveLength(1);
    const [accepted] = fake.messages;
    expect(accepted).toMatchObject({
      to: "+4791234567",
      from: "+4759440000",
      body,
      statusCallback: STATUS_CALLBACK,
      numSegments: 2,
      encoding: "GSM-7",
    });
    expect(accepted!.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent).toEqual({
      outboxId: expect.any(String),
      providerMessageId: accepted!.sid,
      duplicate: false,
    });
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      provider: "twilio",
      channel: "sms",
      status: "queued",
      providerMessageId: accepted!.sid,
      fromAddress: "+4759440000",
      toAddress: "+4791234567",
      metadata: { segments: 2, twilioStatus: "queued", attempts: 1 },
    });
  });

  it("counts UCS-2 parts when the text leaves GSM-7", async () => {
    const message = sms({ body: "Takk for praten 👍 ".repeat(5) });
    await sendThrough(twilioSms(), message);
    expect(fake.messages[0]).toMatchObject({ encoding: "UCS-2", numSegments: 2 });
    expect((await outboxRow(message.idempotencyKey!)).metadata).toMatchObject({ segments: 2 });
  });

  it("sends once per idempotency key", async () => {
    const message = sms();
    const first = await sendThrough(twilioSms(), message);
    expect(await sendThrough(twilioSms(), message)).toEqual({ ...first, duplicate: true });
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("Twilio 500 twice then 201: three job attempts, one SMS", async () => {
    fake.failNext(2, 500);
    const message = sms();
    const outcomes: string[] = [];
    // As often as the queue's real setting lets pg-boss run the job (from the registry).
    const attempts = 1 + customerSendSms.options!.retryLimit!;
    expect(attempts).toBeGreaterThanOrEqual(3);
    for (let attempt = 1; attempt <= attempts && outcomes.at(-1) !== "sent"; attempt++) {
      await sendThrough(twilioSms(), message)
        .then(() => outcomes.push("sent"))
        .catch((err: Error) => outcomes.push(err.message));
    }
    expect(outcomes).toEqual([
      expect.stringMatching(/^Twilio refused the SMS \(500 20500/),
      expect.stringMatching(/^Twilio refused the SMS \(500 20500/),
      "sent",
    ]);
    expect(fake.messages).toHaveLength(1);
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "queued",
      providerMessageId: fake.messages[0]!.sid,
      error: null,
      metadata: { attempts: 3, segments: 1 },
    });
  });

  it("sends through a messaging service when one is configured", async () => {
    const message = sms();
    await sendThrough(twilioSms({ messagingServiceSid: "MGdb23ec0f89ee2632e46e91d8128f5e2b" }), message);
    expect(fake.messages[0]).toMatchObject({
      from: null,
      messagingServiceSid: "MGdb23ec0f89ee2632e46e91d8128f5e2b",
      status: "accepted",
    });
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "queued",
      metadata: { twilioStatus: "accepted" },
    });
  });

  it("refuses a number that is not E.164 before recording or calling anything", async () => {
    const message = sms({ to: "912 34 567" });
    await expect(sendThrough(twilioSms(), message)).rejects.toThrow(/not an E\.164/);
    expect(fake.requests).toHaveLength(0);
  });

  it("records wrong credentials as a failed send and throws", async () => {
    const message = sms();
    await expect(sendThrough(twilioSms({ authToken: "wrong" }), message)).rejects.toThrow(
      /401 20003: Authenticate/,
    );
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "failed",
      providerMessageId: null,
    });
    expect(fake.messages).toHaveLength(0);
  });

  it("needs a sender", () => {
    expect(() => twilioSms({ from: undefined })).toThrow(/TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/);
  });
});

describe("getSmsSender", () => {
  it("uses the outbox without Twilio credentials", () => {
    setSmsSenderForTests(undefined);
    expect(getSmsSender().provider).toBe("outbox");
  });

  it("chooses Twilio from the environment when account, token and a sender are set", async () => {
    const names = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM", "TWILIO_BASE_URL"] as const;
    const saved = names.map((n) => [n, process.env[n]] as const);
    Object.assign(process.env, {
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_FROM: "Fjordbil",
      TWILIO_BASE_URL: fake.url,
    });
    try {
      // A fresh module graph reads the environment anew (getEnv() caches per process).
      vi.resetModules();
      const fresh = await import("../../lib/integrations/sms/get-sms-sender.ts");
      expect(fresh.getSmsSender().provider).toBe("twilio");
    } finally {
      for (const [name, value] of saved)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      vi.resetModules();
    }
  });
});
