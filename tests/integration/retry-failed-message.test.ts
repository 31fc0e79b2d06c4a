import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { auditLog } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { setMailerForTests } from "../../lib/integrations/mailer/get-mailer.ts";
import { createResendMailer } from "../../lib/integrations/mailer/resend-mailer.ts";
import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { startFakeResend, type FakeResend } from "../fakes/resend-server.ts";
import { type TestTenant, createTestLead, createTestTenant } from "../helpers/factories.ts";

// "Prøv igjen" on a failed reply on the lead page (issue 24, item 2): the send fails for real against the loopback
// Resend, the message ends `failed`, the rep's retry queues the ordinary send job again and the e-mail goes out once.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { retryMessageAction } = await import("../../app/(dashboard)/leads/[id]/actions.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
let rep: Session;
let intruder: Session;
let resend: FakeResend;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Retry AS");
  vestland = await createTestTenant("Vestland Retry AS");
  rep = await fjordbil.as("sales_rep");
  intruder = await vestland.as("admin");
  resend = await startFakeResend();
  setMailerForTests(createResendMailer({ apiKey: resend.apiKey, baseUrl: resend.url }));
});
afterAll(async () => {
  setMailerForTests(undefined);
  await resend.close();
  await stopSenderBoss();
  await closeDb();
});

async function outboundMessage(
  leadId: string,
  values: Partial<typeof conversations.$inferInsert> = {},
): Promise<typeof conversations.$inferSelect> {
  const [row] = await withTenant(fjordbil.id, (tx) =>
    tx
      .insert(conversations)
      .values({
        dealershipId: fjordbil.id,
        leadId,
        channel: "email",
        direction: "outbound",
        senderType: "ai",
        subject: "Svar fra Fjordbil",
        messageContent: "Hei! Bilen er tilgjengelig.",
        deliveryStatus: "pending",
        ...values,
      })
      .returning(),
  );
  return row!;
}
const messageOf = (id: string) =>
  withTenant(
    fjordbil.id,
    async (tx) => (await tx.select().from(conversations).where(eq(conversations.id, id)))[0]!,
  );
const openSendJobs = (conversationId: string) =>
  withTenant(fjordbil.id, async (tx) => {
    const { rows } = await tx.execute(sql`select state::text from pgboss.job
      where name = 'customer.send-email' and data->>'conversationId' = ${conversationId}
        and state in ('created', 'retry', 'active')`);
    return rows;
  });

describe("Prøv igjen on a failed message", () => {
  it("a send that failed at the vendor ends failed; the retry queues it again and it is sent once", async () => {
    const lead = await createTestLead(fjordbil.id);
    const message = await outboundMessage(lead.id);
    resend.failNext(1, 500);
    await expect(
      sendCustomerEmail({ dealershipId: fjordbil.id }, { conversationId: message.id, leadId: lead.id }),
    ).rejects.toThrow();
    const failed = await messageOf(message.id);
    expect(failed.deliveryStatus).toBe("failed");
    expect(failed.deliveryError).toBeTruthy();

    signedIn = rep;
    expect(await retryMessageAction(null, { conversationId: message.id })).toMatchObject({ ok: true });
    expect(await messageOf(message.id)).toMatchObject({ deliveryStatus: "pending", deliveryError: null });
    expect(await openSendJobs(message.id)).toEqual([{ state: "created" }]);
    const [audit] = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "message.retried"), eq(auditLog.targetId, message.id))),
    );
    expect(audit).toMatchObject({ actorType: "user", actorUserId: rep.userId, targetType: "conversation" });
    const events = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "message.retried"))),
    );
    expect(events).toHaveLength(1);

    // A second click while the send job waits: nothing queued twice.
    const again = await retryMessageAction(null, { conversationId: message.id });
    expect(again).toMatchObject({ ok: false });
    expect(await openSendJobs(message.id)).toHaveLength(1);

    // What the queued job does: the ordinary send, now accepted by the vendor.
    const sentBefore = resend.emails.length;
    await sendCustomerEmail({ dealershipId: fjordbil.id }, { conversationId: message.id, leadId: lead.id });
    expect((await messageOf(message.id)).deliveryStatus).toBe("sent");
    expect(resend.emails.length - sentBefore).toBe(1);
    // Sent: no more "Prøv igjen".
    expect(await retryMessageAction(null, { conversationId: message.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Fant ikke/),
    });
  });

  it("is refused while the automatic retries still run", async () => {
    const lead = await createTestLead(fjordbil.id);
    const message = await outboundMessage(lead.id, { deliveryStatus: "failed", deliveryError: "Resend 503" });
    await withTenant(fjordbil.id, (tx) =>
      tx.execute(sql`insert into pgboss.job (name, data, state)
        values ('customer.send-email', ${JSON.stringify({ conversationId: message.id, leadId: lead.id, dealershipId: fjordbil.id })}::jsonb, 'retry')`),
    );
    signedIn = rep;
    const result = await retryMessageAction(null, { conversationId: message.id });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/automatisk/) });
    expect((await messageOf(message.id)).deliveryStatus).toBe("failed");
    await withTenant(fjordbil.id, (tx) =>
      tx.execute(
        sql`delete from pgboss.job where name = 'customer.send-email' and data->>'conversationId' = ${message.id}`,
      ),
    );
  });

  it("offers nothing for a suppressed address, a follow-up's message or one that did not fail", async () => {
    const lead = await createTestLead(fjordbil.id);
    const suppressed = await outboundMessage(lead.id, {
      deliveryStatus: "failed",
      deliveryError: "suppressed",
    });
    const followUp = await outboundMessage(lead.id, {
      deliveryStatus: "failed",
      deliveryError: "Resend 500",
      metadata: { kind: "follow_up" },
    });
    const delivered = await outboundMessage(lead.id, { deliveryStatus: "delivered" });
    signedIn = rep;
    for (const m of [suppressed, followUp, delivered]) {
      expect(await retryMessageAction(null, { conversationId: m.id })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/Fant ikke/),
      });
      expect(await openSendJobs(m.id)).toHaveLength(0);
    }
  });

  it("answers a malformed id with a field error and another dealership's message with not found", async () => {
    const lead = await createTestLead(fjordbil.id);
    const message = await outboundMessage(lead.id, { deliveryStatus: "failed", deliveryError: "Resend 500" });
    signedIn = rep;
    expect(await retryMessageAction(null, { conversationId: "not-a-uuid" })).toMatchObject({
      ok: false,
      fieldErrors: { conversationId: [expect.any(String)] },
    });
    signedIn = intruder;
    expect(await retryMessageAction(null, { conversationId: message.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Fant ikke/),
    });
    expect((await messageOf(message.id)).deliveryStatus).toBe("failed");
    expect(await openSendJobs(message.id)).toHaveLength(0);
    signedIn = null;
    expect(await retryMessageAction(null, { conversationId: message.id })).toMatchObject({ ok: false });
  });
});
