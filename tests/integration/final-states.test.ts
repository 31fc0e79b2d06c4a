import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 24, item 2: every stored item ends in a final state. Failures are injected at each step of the e-mail and
// Meta pipelines; whatever fails for good ends `failed` with its reason, and "Prøv igjen" puts it back in line.
const { emails } = await import("../../db/schema/emails.ts");
const { facebookLeadDeliveries } = await import("../../db/schema/facebook.ts");
const { auditLog } = await import("../../db/schema/operations.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { reprocessEmail } = await import("../../lib/inbound-email/review-email.ts");
const { leadActorOf } = await import("../../lib/leads/lead-actor.ts");
const { retryFacebookDelivery } = await import("../../lib/facebook-leads/retry-facebook-delivery.ts");
const { emailProcess } = await import("../../jobs/definitions/email-process.ts");
const { facebookFetchLead } = await import("../../jobs/definitions/facebook-fetch-lead.ts");
const { followUpSend } = await import("../../jobs/definitions/followup-send.ts");
const { conversations } = await import("../../db/schema/conversations.ts");
const { followUps } = await import("../../db/schema/follow-ups.ts");
const { isLastAttempt } = await import("../../jobs/runner.ts");
const { settleExpiredFinalFailures } = await import("../../jobs/settle-expired-final-failures.ts");
const { canRetryMessage } = await import("../../lib/conversations/retry-failed-message.ts");
const { jobRegistry } = await import("../../jobs/registry.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withSystem, withTenant } = await import("../../lib/db/tenant.ts");
const { getSenderBoss, stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { createTestAdminWithKey, createTestLead } = await import("../helpers/factories.ts");

type Dealer = Awaited<ReturnType<typeof createTestAdminWithKey>>;
let a: Dealer;
let b: Dealer;
beforeAll(async () => {
  a = await createTestAdminWithKey("Sluttstatus A AS");
  b = await createTestAdminWithKey("Sluttstatus B AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

async function storeEmail(
  dealershipId: string,
  raw: Buffer,
  intake: "rfc822" | "sendgrid_raw",
  contentType: string,
) {
  const [row] = await withTenant(dealershipId, (tx) =>
    tx
      .insert(emails)
      .values({
        dealershipId,
        messageId: `<final-${crypto.randomUUID()}@example.no>`,
        fromEmail: "kari@example.no",
        recipients: [],
        intake,
        rawContentType: contentType,
        raw,
        sizeBytes: raw.length,
        receivedAt: new Date(),
      })
      .returning({ id: emails.id }),
  );
  return row!.id;
}
type TenantTable = typeof emails | typeof facebookLeadDeliveries | typeof conversations;
/** One row of a tenant table, read under the dealership's own RLS. */
async function rowOf<T extends TenantTable>(table: T, dealershipId: string, id: string) {
  const rows = await withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(table as TenantTable)
      .where(and(eq(table.id, id), eq(table.dealershipId, dealershipId))),
  );
  return rows[0]! as T["$inferSelect"];
}
const emailRow = (dealershipId: string, id: string) => rowOf(emails, dealershipId, id);
async function storeDelivery(dealershipId: string) {
  const [row] = await withTenant(dealershipId, (tx) =>
    tx
      .insert(facebookLeadDeliveries)
      .values({ dealershipId, leadgenId: `lg-${crypto.randomUUID()}`, pageId: "page-final" })
      .returning({ id: facebookLeadDeliveries.id }),
  );
  return row!.id;
}
const deliveryRow = (dealershipId: string, id: string) => rowOf(facebookLeadDeliveries, dealershipId, id);
/** An outbound AI e-mail to the customer, stored and not yet sent (as lead.respond leaves it). */
async function storePendingMessage(dealershipId: string, messageContent = "Hei! Bilen står her.") {
  const lead = await createTestLead(dealershipId);
  const [message] = await withTenant(dealershipId, (tx) =>
    tx
      .insert(conversations)
      .values({
        dealershipId,
        leadId: lead.id,
        channel: "email",
        direction: "outbound",
        senderType: "ai",
        messageContent,
        deliveryStatus: "pending",
      })
      .returning(),
  );
  return message!;
}
const jobsFor = (name: string, key: string, id: string) =>
  withSystem(async (tx) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${name} and data->>${key} = ${id}`,
    );
    return rows[0]!.n;
  });

describe("e-mail", () => {
  it("step 1, reading: a body that cannot be read ends failed with the reason", async () => {
    const id = await storeEmail(
      a.dealership.id,
      Buffer.from('--b\r\nContent-Disposition: form-data; name="to"\r\n\r\nx\r\n--b--\r\n'),
      "sendgrid_raw",
      "multipart/form-data; boundary=b",
    );
    expect(await processInboundEmail({ dealershipId: a.dealership.id }, { emailId: id })).toEqual({
      status: "failed",
    });
    const row = await emailRow(a.dealership.id, id);
    expect(row.processingStatus).toBe("failed");
    expect(row.errorMessage).toMatch(/email/);
  });

  it("step 2, recording: when the job fails for good, the e-mail is marked failed, and can be tried again", async () => {
    const id = await storeEmail(
      a.dealership.id,
      Buffer.from("From: x@example.no\r\n\r\nHei"),
      "rfc822",
      "message/rfc822",
    );
    await emailProcess.onFinalFailure!(
      { emailId: id, dealershipId: a.dealership.id },
      "Error: connection reset",
    );
    const row = await emailRow(a.dealership.id, id);
    expect(row.processingStatus).toBe("failed");
    expect(row.errorMessage).toContain("connection reset");
    // Another dealership's final-failure call cannot touch it.
    await emailProcess.onFinalFailure!({ emailId: id, dealershipId: b.dealership.id }, "x");
    expect((await emailRow(a.dealership.id, id)).errorMessage).toContain("connection reset");
    await reprocessEmail(leadActorOf(a.session), id);
    expect((await emailRow(a.dealership.id, id)).processingStatus).toBe("pending");
  });

  it("a processed e-mail is never turned failed by a late final-failure call", async () => {
    const id = await storeEmail(
      a.dealership.id,
      Buffer.from("From: x@example.no\r\n\r\nHei"),
      "rfc822",
      "message/rfc822",
    );
    await withTenant(a.dealership.id, (tx) =>
      tx.update(emails).set({ processingStatus: "processed" }).where(eq(emails.id, id)),
    );
    await emailProcess.onFinalFailure!({ emailId: id, dealershipId: a.dealership.id }, "late");
    expect((await emailRow(a.dealership.id, id)).processingStatus).toBe("processed");
  });
});

describe("Meta lead delivery", () => {
  it("ends failed when the fetch job fails for good; 'Prøv igjen' re-queues it with an audit entry", async () => {
    const id = await storeDelivery(a.dealership.id);
    await facebookFetchLead.onFinalFailure!(
      { deliveryId: id, dealershipId: a.dealership.id },
      "GraphError: 500",
    );
    expect(await deliveryRow(a.dealership.id, id)).toMatchObject({
      status: "failed",
      error: expect.stringContaining("500"),
    });

    await expect(retryFacebookDelivery(b.session, id)).rejects.toMatchObject({ code: "not_found" });
    const before = await jobsFor("facebook.fetch-lead", "deliveryId", id);
    await retryFacebookDelivery(a.session, id);
    expect(await deliveryRow(a.dealership.id, id)).toMatchObject({ status: "pending", error: null });
    expect(await jobsFor("facebook.fetch-lead", "deliveryId", id)).toBe(before + 1);
    const audit = await withTenant(a.dealership.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, a.dealership.id), eq(auditLog.targetId, id))),
    );
    expect(audit.map((e) => e.action)).toEqual(["facebook.delivery_retried"]);
    // A pending one cannot be retried twice over.
    await expect(retryFacebookDelivery(a.session, id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("follow-up", () => {
  async function storeSendingFollowUp(dealershipId: string) {
    const message = await storePendingMessage(dealershipId, "Hei igjen! Fant du en bil du liker?");
    const [followUp] = await withTenant(dealershipId, (tx) =>
      tx
        .insert(followUps)
        .values({
          dealershipId,
          leadId: message.leadId,
          step: 1,
          channel: "email",
          dueAt: new Date(),
          status: "sending",
          conversationId: message.id,
        })
        .returning({ id: followUps.id }),
    );
    return { followUpId: followUp!.id, messageId: message.id };
  }
  const followUpState = (dealershipId: string, followUpId: string, messageId: string) =>
    withTenant(dealershipId, async (tx) => {
      const [followUp] = await tx
        .select({ status: followUps.status, stopReason: followUps.stopReason })
        .from(followUps)
        .where(and(eq(followUps.id, followUpId), eq(followUps.dealershipId, dealershipId)));
      const [message] = await tx
        .select({ status: conversations.deliveryStatus, error: conversations.deliveryError })
        .from(conversations)
        .where(and(eq(conversations.id, messageId), eq(conversations.dealershipId, dealershipId)));
      return { followUp, message };
    });

  it("a send that fails for good ends cancelled with send_failed and its message failed, never `sending`", async () => {
    const { followUpId, messageId } = await storeSendingFollowUp(a.dealership.id);
    // Another dealership's id changes nothing.
    await followUpSend.onFinalFailure!({ followUpId, dealershipId: b.dealership.id }, "x");
    expect((await followUpState(a.dealership.id, followUpId, messageId)).followUp?.status).toBe("sending");

    await followUpSend.onFinalFailure!({ followUpId, dealershipId: a.dealership.id }, "Resend 503 for godt");
    expect(await followUpState(a.dealership.id, followUpId, messageId)).toEqual({
      followUp: { status: "cancelled", stopReason: "send_failed" },
      message: { status: "failed", error: "Resend 503 for godt" },
    });
  });

  it("a follow-up already sent is never turned failed by a late final-failure call", async () => {
    const { followUpId, messageId } = await storeSendingFollowUp(a.dealership.id);
    await withTenant(a.dealership.id, async (tx) => {
      await tx.update(followUps).set({ status: "sent" }).where(eq(followUps.id, followUpId));
      await tx.update(conversations).set({ deliveryStatus: "sent" }).where(eq(conversations.id, messageId));
    });
    await followUpSend.onFinalFailure!({ followUpId, dealershipId: a.dealership.id }, "late");
    expect(await followUpState(a.dealership.id, followUpId, messageId)).toEqual({
      followUp: { status: "sent", stopReason: null },
      message: { status: "sent", error: null },
    });
  });
});

describe("a job pg-boss fails by itself (expired, or its worker died on the last attempt)", () => {
  const messageRow = (dealershipId: string, id: string) => rowOf(conversations, dealershipId, id);

  type Payload = { conversationId: string; leadId: string; dealershipId: string };
  /**
   * customer.send-email jobs on their last attempt whose worker vanished: claimed (active) two minutes ago, then
   * pg-boss's own supervisor pass fails them by expiry, as it does in production. No handler sees them end.
   */
  async function expireOnLastAttempt(...payloads: Payload[]) {
    const boss = await getSenderBoss();
    const ids: string[] = [];
    for (const payload of payloads) {
      const id = (await boss.send("customer.send-email", payload, { retryLimit: 0, expireInSeconds: 30 }))!;
      await withSystem((tx) =>
        tx.execute(sql`update pgboss.job set state = 'active', started_on = now() - interval '2 minutes'
                        where name = 'customer.send-email' and id = ${id}::uuid`),
      );
      ids.push(id);
    }
    // pg-boss skips a queue's monitor pass within its interval of the last one (queue.monitor_on): as if it was due.
    await withSystem((tx) =>
      tx.execute(sql`update pgboss.queue set monitor_on = null, monitor_claim_on = null
                      where name = 'customer.send-email'`),
    );
    await boss.supervise("customer.send-email");
    const { rows } = await withSystem((tx) =>
      tx.execute<{ id: string; state: string; output: { value?: { message?: string }; settled?: boolean } }>(
        sql`select id, state::text, output from pgboss.job
             where name = 'customer.send-email' and id = any(${sql.param(ids)}::uuid[])`,
      ),
    );
    return ids.map((id) => rows.find((row) => row.id === id)!);
  }
  const payloadOf = (message: typeof conversations.$inferSelect, dealershipId = message.dealershipId) => ({
    conversationId: message.id,
    leadId: message.leadId,
    dealershipId,
  });

  it("its message ends failed with the reason and 'Prøv igjen', once; another dealership's payload changes nothing", async () => {
    const message = await storePendingMessage(a.dealership.id);
    // A forged payload: B's dealership with A's message; its hook runs under B's tenant and finds nothing.
    const forged = await storePendingMessage(a.dealership.id);
    const jobs = await expireOnLastAttempt(payloadOf(message), payloadOf(forged, b.dealership.id));
    for (const job of jobs)
      expect(job).toMatchObject({ state: "failed", output: { value: { message: "job timed out" } } });
    expect((await messageRow(a.dealership.id, message.id)).deliveryStatus).toBe("pending");

    expect((await settleExpiredFinalFailures(jobRegistry)).settled).toBeGreaterThanOrEqual(2);
    const failed = await messageRow(a.dealership.id, message.id);
    expect(failed).toMatchObject({ deliveryStatus: "failed", deliveryError: "job timed out" });
    expect(canRetryMessage(failed)).toBe(true);
    expect((await messageRow(a.dealership.id, forged.id)).deliveryStatus).toBe("pending");
    const settled = await withSystem((tx) =>
      tx.execute<{ settled: boolean }>(
        sql`select (output ->> 'settled')::boolean as settled from pgboss.job
             where id = any(${sql.param(jobs.map((job) => job.id))}::uuid[])`,
      ),
    );
    expect(settled.rows.map((row) => row.settled)).toEqual([true, true]);

    // Claimed once: a second pass does not run the hook again (the message, put back by hand, stays pending).
    await withTenant(a.dealership.id, (tx) =>
      tx.update(conversations).set({ deliveryStatus: "pending" }).where(eq(conversations.id, message.id)),
    );
    await settleExpiredFinalFailures(jobRegistry);
    expect((await messageRow(a.dealership.id, message.id)).deliveryStatus).toBe("pending");
  });

  it("a message the vendor took meanwhile is never turned failed by the late hook", async () => {
    const message = await storePendingMessage(a.dealership.id);
    await withTenant(a.dealership.id, (tx) =>
      tx.update(conversations).set({ deliveryStatus: "sent" }).where(eq(conversations.id, message.id)),
    );
    const [job] = await expireOnLastAttempt(payloadOf(message));
    expect(job).toMatchObject({ state: "failed", output: { value: { message: "job timed out" } } });
    await settleExpiredFinalFailures(jobRegistry);
    expect(await messageRow(a.dealership.id, message.id)).toMatchObject({
      deliveryStatus: "sent",
      deliveryError: null,
    });
  });
});

describe("the runner", () => {
  it("calls the final-failure hook on the attempt that uses up the queue's retries, not before", () => {
    expect(isLastAttempt(emailProcess, 0)).toBe(false);
    expect(isLastAttempt(emailProcess, 2)).toBe(false);
    expect(isLastAttempt(emailProcess, 3)).toBe(true);
    expect(isLastAttempt(facebookFetchLead, 5)).toBe(true);
    expect(isLastAttempt(facebookFetchLead, undefined)).toBe(false);
  });

  it("every job that works on a stored item has a final-failure hook", () => {
    for (const name of [
      "email.process",
      "facebook.fetch-lead",
      "followup.send",
      "customer.send-email",
      "customer.send-sms",
      "privacy.export",
      "privacy.dealership-export",
    ])
      expect(typeof jobRegistry.find((d) => d.name === name)?.onFinalFailure, name).toBe("function");
  });
});
