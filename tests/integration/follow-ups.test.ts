import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUpRules, followUps } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { logCall } from "../../lib/calls/log-call.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { sendFollowUp } from "../../lib/follow-ups/send-follow-up.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { deleteLead } from "../../lib/leads/delete-lead.ts";
import { setLeadAiPaused } from "../../lib/leads/set-lead-ai-paused.ts";
import { updateLead } from "../../lib/leads/update-lead.ts";
import { suppressAddress } from "../../lib/suppressions/suppress-address.ts";
import { createTestUser } from "../helpers/factories.ts";
import {
  createFollowUpDealership,
  createLeadWithPlan,
  followUpsOf,
  markQueued,
} from "../helpers/follow-ups.ts";

// Issue 19: follow-ups planned after the first reply, sent inside business hours, stopped by anything that
// should stop them — in the stopping transaction (migration 0016's triggers) and again under the sender's lock.
// Time is the injected `now`; nothing sleeps.
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const THURSDAY_DUE = new Date("2026-11-05T09:00:00Z"); // Thursday 5 November 10:00 Oslo (day 3)

async function outboxTo(dealershipId: string, address: string) {
  return withTenant(dealershipId, (tx) =>
    tx.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address)),
  );
}

describe("planning", () => {
  it("plans day 3 and day 7 at the first reply's time of day, and the closing step a week after", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const rows = await followUpsOf(d.id, lead.id);
    expect(rows.map((r) => [r.kind, r.step, r.channel, r.dueAt.toISOString(), r.consentBasis])).toEqual([
      ["message", 1, "email", "2026-11-05T09:00:00.000Z", "service_inquiry"],
      ["message", 2, "email", "2026-11-09T09:00:00.000Z", "service_inquiry"],
      ["close", 0, "email", "2026-11-16T09:00:00.000Z", null],
    ]);
  });

  it("follows the dealership's rule: SMS only with consent and a phone, the cap, no closing step", async () => {
    const d = await createFollowUpDealership();
    await withTenant(d.id, (tx) =>
      tx.insert(followUpRules).values({
        dealershipId: d.id,
        steps: [
          { delayDays: 2, channel: "sms" },
          { delayDays: 4, channel: "sms" },
          { delayDays: 6, channel: "email" },
        ],
        afterLast: "none",
        maxPerLead: 2,
      }),
    );
    const consenting = await createLeadWithPlan(d.id, {
      customerPhone: "+4791234567",
      phoneNormalized: "+4791234567",
      consentMarketing: true,
    });
    const noConsent = await createLeadWithPlan(d.id, { customerPhone: "+4791234568" });
    expect((await followUpsOf(d.id, consenting.id)).map((r) => [r.step, r.channel, r.consentBasis])).toEqual([
      [1, "sms", "marketing_consent"],
      [2, "sms", "marketing_consent"],
    ]);
    expect((await followUpsOf(d.id, noConsent.id)).map((r) => [r.step, r.channel])).toEqual([
      [1, "email"],
      [2, "email"],
    ]);
  });

  it("plans nothing for a lead switched to 'Ingen oppfølging' or when the rule is off", async () => {
    const d = await createFollowUpDealership();
    const off = await createLeadWithPlan(d.id, { followUpsOff: true });
    expect(await followUpsOf(d.id, off.id)).toHaveLength(0);
    await withTenant(d.id, (tx) =>
      tx
        .insert(followUpRules)
        .values({ dealershipId: d.id, enabled: false, steps: [{ delayDays: 3, channel: "email" }] }),
    );
    const ruleOff = await createLeadWithPlan(d.id);
    expect(await followUpsOf(d.id, ruleOff.id)).toHaveLength(0);
  });
});

describe("sending", () => {
  it("sends the due follow-up once, with the AI disclosure, one-click unsubscribe and its consent basis", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id, { customerName: "Kari Nordmann" });
    const [first] = await followUpsOf(d.id, lead.id);
    await markQueued(d.id, first!.id);
    expect(
      await sendFollowUp({ dealershipId: d.id }, { followUpId: first!.id }, { now: THURSDAY_DUE }),
    ).toEqual({
      status: "sent",
    });
    // A second delivery of the same job sends nothing.
    expect(
      (await sendFollowUp({ dealershipId: d.id }, { followUpId: first!.id }, { now: THURSDAY_DUE })).status,
    ).toBe("skipped");
    const mails = await outboxTo(d.id, lead.customerEmail!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.bodyText).toContain("Hei Kari!");
    expect(mails[0]!.bodyText).toContain("skrevet automatisk av Norvalt");
    expect(mails[0]!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const [row] = await followUpsOf(d.id, lead.id);
    expect(row).toMatchObject({ status: "sent", consentBasis: "service_inquiry" });
    const [message] = await withTenant(d.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.id, row!.conversationId!)),
    );
    expect(message).toMatchObject({ deliveryStatus: "sent", senderType: "ai" });
    expect(message!.metadata).toMatchObject({ kind: "follow_up", step: 1, consentBasis: "service_inquiry" });
  });

  it("moves a follow-up that comes due while closed to the next opening (a special closed day added later)", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const [first] = await followUpsOf(d.id, lead.id);
    await withSystem((tx) =>
      tx
        .update(dealerships)
        .set({ specialDays: [{ date: "2026-11-05", hours: [], note: "Inventar" }] })
        .where(eq(dealerships.id, d.id)),
    );
    await markQueued(d.id, first!.id);
    const outcome = await sendFollowUp(
      { dealershipId: d.id },
      { followUpId: first!.id },
      { now: THURSDAY_DUE },
    );
    expect(outcome).toEqual({ status: "rescheduled", reason: "2026-11-06T08:00:00.000Z" });
    expect((await followUpsOf(d.id, lead.id))[0]).toMatchObject({ status: "scheduled" });
    expect(await outboxTo(d.id, lead.customerEmail!)).toHaveLength(0);
  });

  it("keeps 10:00 local across the DST change between planning and sending", async () => {
    const d = await createFollowUpDealership();
    // Thursday 22 October 2026 10:00 (summer time) + 3 days = Sunday → Monday 26 October 09:00 (winter time)…
    const lead = await createLeadWithPlan(d.id, {}, new Date("2026-10-22T08:00:00Z"));
    const rows = await followUpsOf(d.id, lead.id);
    expect(rows[0]!.dueAt.toISOString()).toBe("2026-10-26T08:00:00.000Z");
    // …and day 7, Thursday 29 October, keeps 10:00 on the wall clock: 09:00 UTC now.
    expect(rows[1]!.dueAt.toISOString()).toBe("2026-10-29T09:00:00.000Z");
    await markQueued(d.id, rows[1]!.id);
    expect(
      (await sendFollowUp({ dealershipId: d.id }, { followUpId: rows[1]!.id }, { now: rows[1]!.dueAt }))
        .status,
    ).toBe("sent");
  });

  it("closes the lead as lost with 'no response' after the last step, and the plan stops there", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const close = (await followUpsOf(d.id, lead.id)).find((r) => r.kind === "close")!;
    await markQueued(d.id, close.id);
    expect(
      (await sendFollowUp({ dealershipId: d.id }, { followUpId: close.id }, { now: close.dueAt })).status,
    ).toBe("closed");
    const [row] = await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead.id)));
    expect(row!.status).toBe("lost");
    const history = await withTenant(d.id, (tx) =>
      tx.select().from(leadStatusHistory).where(eq(leadStatusHistory.leadId, lead.id)),
    );
    expect(history.at(-1)).toMatchObject({ newStatus: "lost", reason: "Ingen respons på oppfølging" });
    expect((await followUpsOf(d.id, lead.id)).map((r) => r.status)).toEqual([
      "cancelled",
      "cancelled",
      "done",
    ]);
  });

  it("stores a draft that waits for approval in draft mode, and the sweep expires it", async () => {
    const d = await createFollowUpDealership({ aiMode: "draft" });
    const lead = await createLeadWithPlan(d.id);
    const [first] = await followUpsOf(d.id, lead.id);
    await markQueued(d.id, first!.id);
    expect(
      (await sendFollowUp({ dealershipId: d.id }, { followUpId: first!.id }, { now: THURSDAY_DUE })).status,
    ).toBe("awaiting_approval");
    expect(await outboxTo(d.id, lead.customerEmail!)).toHaveLength(0);
    const { sweepDueFollowUps } = await import("../../lib/follow-ups/sweep-due-follow-ups.ts");
    await sweepDueFollowUps({ now: new Date(THURSDAY_DUE.getTime() + 2 * 86_400_000), limit: 0 });
    const [row] = await followUpsOf(d.id, lead.id);
    expect(row).toMatchObject({ status: "expired", stopReason: "not_approved" });
    const [message] = await withTenant(d.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.id, row!.conversationId!)),
    );
    expect(message!.deliveryStatus).toBe("cancelled");
  });
});

describe("the sweep", () => {
  it("claims due follow-ups once and queues their jobs; later ones wait", async () => {
    const { sweepDueFollowUps } = await import("../../lib/follow-ups/sweep-due-follow-ups.ts");
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const [first, second] = await followUpsOf(d.id, lead.id);
    // The whole test database's due rows are claimed too; this lead's first step is among them.
    await sweepDueFollowUps({ now: THURSDAY_DUE });
    const rows = await followUpsOf(d.id, lead.id);
    expect(rows.find((r) => r.id === first!.id)!.status).toBe("queued");
    expect(rows.find((r) => r.id === second!.id)!.status).toBe("scheduled");
    const again = await sweepDueFollowUps({ now: THURSDAY_DUE });
    expect(again.queued).toBe(0);
  });
});

describe("stops", () => {
  type Stop = { name: string; reason: string; stop: (d: { id: string }, leadId: string) => Promise<void> };
  const stops: Stop[] = [
    {
      name: "the customer replied (any channel)",
      reason: "customer_replied",
      stop: (d, leadId) =>
        withTenant(d.id, (tx) =>
          tx.insert(conversations).values({
            dealershipId: d.id,
            leadId,
            channel: "sms",
            direction: "inbound",
            sender: "Kunde",
            senderType: "customer",
            messageContent: "Ja, fortsatt interessert",
          }),
        ).then(() => undefined),
    },
    {
      name: "a rep sent a manual message",
      reason: "manual_message",
      stop: (d, leadId) =>
        withTenant(d.id, (tx) =>
          tx.insert(conversations).values({
            dealershipId: d.id,
            leadId,
            channel: "email",
            direction: "outbound",
            sender: "Siri",
            senderType: "human",
            messageContent: "Hei, jeg ringer deg i morgen",
            deliveryStatus: "pending",
          }),
        ).then(() => undefined),
    },
    {
      name: "a rep logged a call",
      reason: "call_logged",
      stop: async (d, leadId) => {
        const rep = await createTestUser(d.id, { role: "sales_rep" });
        await logCall({ dealershipId: d.id, userId: rep.id, name: rep.name }, {
          leadId,
          outcome: "reached",
          next: "none",
        } as never);
      },
    },
    {
      name: "the status changed away from contacted",
      reason: "status_changed",
      stop: (d, leadId) =>
        updateLead({ dealershipId: d.id, userId: null, name: null }, leadId, { status: "qualified" }).then(
          () => undefined,
        ),
    },
    {
      name: "the AI was paused (taken over)",
      reason: "ai_paused",
      stop: (d, leadId) =>
        setLeadAiPaused({ dealershipId: d.id, userId: null, name: null }, leadId, true).then(() => undefined),
    },
    {
      name: "the lead was merged into another",
      reason: "merged",
      stop: async (d, leadId) => {
        const other = await createLeadWithPlan(d.id);
        await withTenant(d.id, (tx) =>
          tx.update(leads).set({ duplicateOfLeadId: other.id }).where(eq(leads.id, leadId)),
        );
      },
    },
    {
      name: "the address was unsubscribed",
      reason: "suppressed",
      stop: async (d, leadId) => {
        const [lead] = await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, leadId)));
        await suppressAddress(
          { dealershipId: d.id },
          { channel: "email", address: lead!.customerEmail!, reason: "unsubscribe" },
        );
      },
    },
    {
      name: "the dealership turned its AI off",
      reason: "ai_off",
      stop: (d) =>
        withTenant(d.id, (tx) =>
          tx.update(dealerships).set({ aiMode: "off" }).where(eq(dealerships.id, d.id)),
        ).then(() => undefined),
    },
    {
      name: "the rep switched the lead to 'Ingen oppfølging'",
      reason: "switched_off",
      stop: (d, leadId) =>
        withTenant(d.id, (tx) =>
          tx.update(leads).set({ followUpsOff: true }).where(eq(leads.id, leadId)),
        ).then(() => undefined),
    },
  ];

  for (const { name, reason, stop } of stops) {
    it(`stops every open follow-up exactly once when ${name}`, async () => {
      const d = await createFollowUpDealership();
      const lead = await createLeadWithPlan(d.id);
      const [first] = await followUpsOf(d.id, lead.id);
      await markQueued(d.id, first!.id);
      await stop(d, lead.id);
      const rows = await followUpsOf(d.id, lead.id);
      expect(rows.map((r) => [r.status, r.stopReason])).toEqual([
        ["cancelled", reason],
        ["cancelled", reason],
        ["cancelled", reason],
      ]);
      const outcome = await sendFollowUp(
        { dealershipId: d.id },
        { followUpId: first!.id },
        { now: THURSDAY_DUE },
      );
      expect(outcome.status).toBe("skipped");
      expect(await outboxTo(d.id, lead.customerEmail!)).toHaveLength(0);
      const events = await withTenant(d.id, (tx) =>
        tx
          .select()
          .from(leadEvents)
          .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "follow_up.stopped"))),
      );
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toMatchObject({ reason, count: 2 });
    });
  }

  it("a deleted lead takes its follow-ups with it", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    await deleteLead({ dealershipId: d.id, userId: null, name: null }, lead.id);
    expect(await followUpsOf(d.id, lead.id)).toHaveLength(0);
  });

  it("a stop that arrives while the follow-up is being written means it never goes out", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const [first] = await followUpsOf(d.id, lead.id);
    await markQueued(d.id, first!.id);
    const outcome = await sendFollowUp(
      { dealershipId: d.id },
      { followUpId: first!.id },
      {
        now: THURSDAY_DUE,
        afterDraft: () => stops[0]!.stop(d, lead.id),
      },
    );
    expect(outcome).toEqual({ status: "cancelled", reason: "customer_replied" });
    expect(await outboxTo(d.id, lead.customerEmail!)).toHaveLength(0);
  });

  it("a stop that arrives during the vendor call waits for it: sent once, then stopped, nothing after the stop", async () => {
    const d = await createFollowUpDealership();
    const lead = await createLeadWithPlan(d.id);
    const [first, second] = await followUpsOf(d.id, lead.id);
    await markQueued(d.id, first!.id);
    let stopDone: Promise<Date> | undefined;
    const outcome = await sendFollowUp(
      { dealershipId: d.id },
      { followUpId: first!.id },
      {
        now: THURSDAY_DUE,
        beforeDeliver: async () => {
          stopDone = stops[3]!.stop(d, lead.id).then(() => new Date());
          await waitUntilBlockedOnLock();
        },
      },
    );
    expect(outcome.status).toBe("sent");
    const stoppedAt = await stopDone!;
    const mails = await outboxTo(d.id, lead.customerEmail!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.createdAt.getTime()).toBeLessThanOrEqual(stoppedAt.getTime());
    const rows = await followUpsOf(d.id, lead.id);
    expect(rows.find((r) => r.id === first!.id)!.status).toBe("sent");
    expect(rows.find((r) => r.id === second!.id)).toMatchObject({
      status: "cancelled",
      stopReason: "status_changed",
    });
  });
});

describe("tenant isolation", () => {
  it("another dealership cannot send, see or stop this dealership's follow-ups", async () => {
    const a = await createFollowUpDealership();
    const b = await createFollowUpDealership();
    const lead = await createLeadWithPlan(a.id);
    const [first] = await followUpsOf(a.id, lead.id);
    await markQueued(a.id, first!.id);
    expect(await followUpsOf(b.id, lead.id)).toHaveLength(0);
    expect(
      (await sendFollowUp({ dealershipId: b.id }, { followUpId: first!.id }, { now: THURSDAY_DUE })).status,
    ).toBe("skipped");
    await withTenant(b.id, (tx) =>
      tx.update(dealerships).set({ aiMode: "off" }).where(eq(dealerships.id, b.id)),
    );
    expect((await followUpsOf(a.id, lead.id))[0]!.status).toBe("queued");
    const rules = await withTenant(b.id, (tx) =>
      tx.select().from(followUpRules).where(eq(followUpRules.dealershipId, a.id)),
    );
    expect(rules).toHaveLength(0);
  });
});

/** Until another session of ours waits for a row lock (the stop, behind the sender's lock). Polls, never sleeps blind. */
async function waitUntilBlockedOnLock() {
  for (let i = 0; i < 2_000; i++) {
    // As the app role: pg_stat_activity shows wait events of the role's own sessions.
    const blocked = await withTenant("00000000-0000-0000-0000-000000000000", async (tx) => {
      const { rows } = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
      );
      return rows[0]!.n;
    });
    if (blocked > 0) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error("the stop never waited for the sender's lock");
}

describe("analytics: follow-up effect", () => {
  it("counts replies after each step, up to the next step, in the range", async () => {
    const { selectFollowUpEffect } = await import("../../lib/analytics/select-follow-up-effect.ts");
    const d = await createFollowUpDealership();
    const leadsSent = [
      await createLeadWithPlan(d.id),
      await createLeadWithPlan(d.id),
      await createLeadWithPlan(d.id),
    ];
    const step1 = new Date("2026-11-05T09:00:00Z");
    const step2 = new Date("2026-11-09T09:00:00Z");
    for (const [i, l] of leadsSent.entries()) {
      const rows = await followUpsOf(d.id, l.id);
      await withTenant(d.id, async (tx) => {
        await tx
          .update(followUps)
          .set({ status: "sent", sentAt: step1 })
          .where(eq(followUps.id, rows[0]!.id));
        // Lead 0 answers after step 1 (before step 2); lead 1 gets step 2 and answers after it; lead 2 never answers.
        if (i === 1)
          await tx
            .update(followUps)
            .set({ status: "sent", sentAt: step2 })
            .where(eq(followUps.id, rows[1]!.id));
        const replyAt =
          i === 0 ? new Date("2026-11-06T10:00:00Z") : i === 1 ? new Date("2026-11-10T10:00:00Z") : null;
        if (replyAt)
          await tx.execute(sql`insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type,
            message_content, created_at) values (${d.id}, ${l.id}, 'email', 'inbound', 'Kunde', 'customer', 'Ja', ${replyAt.toISOString()}::timestamptz)`);
      });
    }
    const effect = await withTenant(d.id, (tx) =>
      selectFollowUpEffect(tx, { range: { from: "2026-11-01", to: "2026-11-30" }, timeZone: "Europe/Oslo" }),
    );
    expect(effect).toEqual([
      { step: 1, sent: 3, replied: 1, replyRate: 1 / 3 },
      { step: 2, sent: 1, replied: 1, replyRate: 1 },
    ]);
    // An independent count: inbound messages after any sent follow-up of these leads.
    const [independent] = await withTenant(d.id, async (tx) => {
      const { rows } = await tx.execute<{
        n: number;
      }>(sql`select count(distinct c.lead_id)::int as n from conversations c
        where c.dealership_id = ${d.id} and c.direction = 'inbound' and c.created_at > '2026-11-05T09:00:00Z'`);
      return rows;
    });
    expect(independent!.n).toBe(2);
    // Outside the range: nothing.
    expect(
      await withTenant(d.id, (tx) =>
        selectFollowUpEffect(tx, {
          range: { from: "2026-12-01", to: "2026-12-31" },
          timeZone: "Europe/Oslo",
        }),
      ),
    ).toEqual([]);
  });
});
