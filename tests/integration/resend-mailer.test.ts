import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { customerSendEmail } from "../../jobs/definitions/customer-send-email.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { deliverEmail, type OutgoingEmail } from "../../lib/deliveries/deliver-email.ts";
import { getMailer, setMailerForTests } from "../../lib/integrations/mailer/get-mailer.ts";
import { createResendMailer } from "../../lib/integrations/mailer/resend-mailer.ts";
import { startFakeResend, type FakeResend } from "../fakes/resend-server.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

let fake: FakeResend;
let dealershipId: string;
let leadId: string;

beforeAll(async () => {
  fake = await startFakeResend();
  dealershipId = (await createTestDealership({ name: "Fjordbil AS" })).id;
  leadId = (await createTestLead(dealershipId)).id;
});
beforeEach(() => {
  fake.reset();
  setMailerForTests(mailer());
});
afterAll(async () => {
  setMailerForTests(undefined);
  await fake.close();
  await closeDb();
});

const mailer = () => createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url });
// The port as the app uses it: through the delivery ledger (outbox row, idempotency, settle).
const send = (message: OutgoingEmail) => deliverEmail({ dealershipId }, message);
const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  to: "kari.nordmann@example.no",
  subject: "Svar på henvendelsen din om VW ID.4",
  text: "Hei Kari!\n\nBilen er fortsatt til salgs.\n\nHilsen Fjordbil",
  html: "<p>Hei Kari!</p><p>Bilen er fortsatt til salgs.</p>",
  leadId,
  idempotencyKey: `lead-reply:${randomUUID()}`,
  ...overrides,
});
const outboxRow = async (key: string) =>
  withTenant(dealershipId, async (tx) => {
    const rows = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.idempotencyKey, key)));
    expect(rows).toHaveLength(1);
    return rows[0]!;
  });
const requestsWithKey = (key: string) =>
  fake.requests.filter((r) => r.idempotencyKey === `${dealershipId}:${key}`);

describe("createResendMailer through the delivery ledger", () => {
  it("sends from the dealership's name with reply-to, headers and an idempotency key, and records it", async () => {
    const message = email({
      fromName: "Fjordbil AS",
      replyTo: "reply+abc123@svar.norvalt.no",
      headers: {
        "List-Unsubscribe": "<https://app.norvalt.no/u/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
    const sent = await send(message);

    expect(fake.emails).toHaveLength(1);
    const [accepted] = fake.emails;
    expect(sent).toEqual({ outboxId: expect.any(String), providerMessageId: accepted!.id, duplicate: false });
    expect(accepted).toMatchObject({
      from: '"Fjordbil AS" <no-reply@norvalt.no>',
      to: ["kari.nordmann@example.no"],
      subject: message.subject,
      text: message.text,
      html: message.html,
      reply_to: ["reply+abc123@svar.norvalt.no"],
      headers: message.headers,
      idempotencyKey: `${dealershipId}:${message.idempotencyKey}`,
    });
    expect(fake.requests[0]).toMatchObject({ authorization: `Bearer ${fake.apiKey}`, status: 200 });

    const row = await outboxRow(message.idempotencyKey!);
    expect(row).toMatchObject({
      id: sent.outboxId,
      provider: "resend",
      channel: "email",
      status: "sent",
      providerMessageId: accepted!.id,
      fromAddress: '"Fjordbil AS" <no-reply@norvalt.no>',
      replyTo: "reply+abc123@svar.norvalt.no",
      headers: message.headers,
      leadId,
      error: null,
      metadata: { attempts: 1 },
    });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("returns the recorded message for a repeated idempotency key without calling Resend again", async () => {
    const message = email();
    const first = await send(message);
    const again = await send({ ...message, text: "regenerated text" });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(fake.requests).toHaveLength(1);
    expect(fake.emails).toHaveLength(1);
  });

  it("Resend 500 twice then 200: the job's three attempts end with exactly one e-mail and one sent row", async () => {
    fake.failNext(2, 500);
    const message = email();
    const outcomes: string[] = [];
    // What pg-boss does with a throwing handler: run it again, same payload, same key, as often as the queue's
    // real setting allows (from the job registry, not a number of this test's own).
    const attempts = 1 + customerSendEmail.options!.retryLimit!;
    expect(attempts).toBeGreaterThanOrEqual(3);
    for (let attempt = 1; attempt <= attempts && outcomes.at(-1) !== "sent"; attempt++) {
      try {
        await send(message);
        outcomes.push("sent");
      } catch (err) {
        outcomes.push((err as Error).message);
        expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
          status: "failed",
          error: expect.stringMatching(/500 internal_server_error/),
          providerMessageId: null,
        });
      }
    }
    expect(outcomes).toEqual([
      expect.stringMatching(/^Resend refused the e-mail \(500 /),
      expect.stringMatching(/^Resend refused the e-mail \(500 /),
      "sent",
    ]);
    expect(fake.emails).toHaveLength(1);
    expect(requestsWithKey(message.idempotencyKey!).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "sent",
      providerMessageId: fake.emails[0]!.id,
      error: null,
      metadata: { attempts: 3 },
    });

    // A fourth run (a job re-delivered after it finished) sends nothing.
    expect((await send(message)).duplicate).toBe(true);
    expect(requestsWithKey(message.idempotencyKey!)).toHaveLength(3);
  });

  it("a retry after a crash between Resend's answer and our update is deduplicated by Resend's key", async () => {
    const message = email();
    const first = await send(message);
    // As if the process had died right after Resend accepted: the row still says pending, its lease ran out.
    await withTenant(dealershipId, (tx) =>
      tx
        .update(outboxMessages)
        .set({
          status: "pending",
          providerMessageId: null,
          metadata: sql`jsonb_build_object('sendingSince', now() - interval '10 minutes', 'attempts', 1)`,
        })
        .where(eq(outboxMessages.id, first.outboxId)),
    );
    const retried = await send(message);
    expect(retried).toEqual({ ...first, duplicate: false });
    expect(requestsWithKey(message.idempotencyKey!)).toHaveLength(2);
    expect(fake.emails).toHaveLength(1);
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "sent",
      metadata: { attempts: 2 },
    });
  });

  it("a second attempt while the first is still talking to Resend does not send, and is retried later", async () => {
    fake.setLatency(300);
    try {
      const message = email();
      const [first, second] = await Promise.allSettled([
        send(message),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => send(message)),
      ]);
      expect(first).toMatchObject({ status: "fulfilled", value: { duplicate: false } });
      expect(second).toMatchObject({
        status: "rejected",
        reason: expect.objectContaining({ message: expect.stringMatching(/being sent by another attempt/) }),
      });
      expect((await send(message)).duplicate).toBe(true);
      expect(fake.emails).toHaveLength(1);
    } finally {
      fake.setLatency(0);
    }
  });

  it("records a refusal (422) and a network failure as failed, and throws so the job retries", async () => {
    const invalid = email({ to: "" });
    await expect(send(invalid)).rejects.toThrow(/422 validation_error: Missing `to` field/);
    expect(await outboxRow(invalid.idempotencyKey!)).toMatchObject({ status: "failed" });

    setMailerForTests(createResendMailer({ apiKey: "re_x", baseUrl: "http://127.0.0.1:9" }));
    const message = email();
    await expect(send(message)).rejects.toThrow(/Resend refused the e-mail/);
    expect(await outboxRow(message.idempotencyKey!)).toMatchObject({
      status: "failed",
      providerMessageId: null,
    });
  });

  it("sends e-mails without an idempotency key under their outbox id", async () => {
    const sent = await send(email({ idempotencyKey: undefined }));
    expect(fake.emails[0]!.idempotencyKey).toBe(`${dealershipId}:${sent.outboxId}`);
  });
});

describe("getMailer", () => {
  it("uses the outbox without RESEND_API_KEY", async () => {
    setMailerForTests(undefined);
    expect(getMailer().provider).toBe("outbox");
  });

  it("chooses Resend from the environment, and that adapter reaches Resend's API", async () => {
    const saved = { key: process.env.RESEND_API_KEY, url: process.env.RESEND_BASE_URL };
    Object.assign(process.env, { RESEND_API_KEY: fake.apiKey, RESEND_BASE_URL: fake.url });
    try {
      // A fresh module graph reads the environment anew (getEnv() caches per process).
      vi.resetModules();
      const fresh = await import("../../lib/integrations/mailer/get-mailer.ts");
      const chosen = fresh.getMailer();
      expect(chosen.provider).not.toBe("outbox");
      expect(chosen.provider).toBe("resend");
    } finally {
      for (const [name, value] of [
        ["RESEND_API_KEY", saved.key],
        ["RESEND_BASE_URL", saved.url],
      ] as const)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      vi.resetModules();
    }
  });
});
