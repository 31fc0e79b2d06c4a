import { afterAll, describe, expect, it } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { toAnalyticsCsv } from "../../lib/analytics/analytics-csv.ts";
import { toAnalyticsJson } from "../../lib/analytics/analytics-json.ts";
import { getAnalyticsSummary } from "../../lib/analytics/get-analytics-summary.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

// Issue 21 × 19: the follow-up effect — per step, the follow-ups sent in the range (calendar days in Oslo) and how
// many the customer answered before the lead's next step went out — on a seeded set with answers worked out by
// hand, including the midnight edge in Oslo time, the previous period, and another dealership's rows.
const oslo = (local: string) => new Date(`${local}+01:00`);
const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };

afterAll(closeDb);

const asKey = (dealershipId: string) => ({ dealershipId, apiKeyId: "test", via: "api_key" as const });

type Lead = { steps: [number, string, ("sent" | "cancelled")?][]; replies?: string[] };

/** Leads with their follow-ups (step, Oslo time sent, status) and the customer's later messages (Oslo time). */
async function seed(dealershipId: string, seeded: Lead[]) {
  for (const { steps, replies = [] } of seeded) {
    const lead = await createTestLead(dealershipId, {
      status: "contacted",
      createdAt: oslo("2026-10-01T09:00:00"),
    });
    await withTenant(dealershipId, async (tx) => {
      for (const [step, at, status = "sent"] of steps)
        await tx.insert(followUps).values({
          dealershipId,
          leadId: lead.id,
          kind: "message",
          step,
          channel: "email",
          dueAt: oslo(at),
          status,
          sentAt: status === "sent" ? oslo(at) : null,
          consentBasis: "service_inquiry",
        });
      for (const at of replies)
        await tx.insert(conversations).values({
          dealershipId,
          leadId: lead.id,
          channel: "email",
          direction: "inbound",
          sender: "Kunde",
          senderType: "customer",
          messageContent: "Ja, fortsatt interessert",
          createdAt: oslo(at),
        });
    });
  }
}

const SHOP: Lead[] = [
  // Answered step 1 (before step 2 went out): counts for step 1 only.
  {
    steps: [
      [1, "2026-11-05T10:00:00"],
      [2, "2026-11-09T10:00:00"],
    ],
    replies: ["2026-11-06T12:00:00"],
  },
  // Answered step 2.
  {
    steps: [
      [1, "2026-11-05T10:00:00"],
      [2, "2026-11-09T10:00:00"],
    ],
    replies: ["2026-11-10T08:00:00"],
  },
  // Step 1 on the last evening of November (Oslo), answered in December: November's, answered.
  { steps: [[1, "2026-11-30T23:30:00"]], replies: ["2026-12-02T09:00:00"] },
  // 00:30 on 1 December in Oslo is still 30 November in UTC: December's, not November's.
  { steps: [[1, "2026-12-01T00:30:00"]] },
  // Wrote before the follow-up went out: not an answer to it.
  { steps: [[1, "2026-11-12T10:00:00"]], replies: ["2026-11-12T09:00:00"] },
  // Stopped, never sent: not counted.
  { steps: [[1, "2026-11-15T10:00:00", "cancelled"]], replies: ["2026-11-16T10:00:00"] },
  // October (the previous period, 2–31 October): one sent, answered.
  { steps: [[1, "2026-10-20T10:00:00"]], replies: ["2026-10-21T10:00:00"] },
];

describe("follow-up effect", () => {
  it("counts the follow-ups sent per step and the replies before the next step, in the dealership's days", async () => {
    const shop = await createTestDealership({ name: "Effekt Bil", timezone: "Europe/Oslo" });
    const other = await createTestDealership({ name: "Annen Bil", timezone: "Europe/Oslo" });
    await seed(shop.id, SHOP);
    await seed(other.id, SHOP.slice(0, 3)); // another dealership's rows never count

    const summary = await getAnalyticsSummary(asKey(shop.id), NOVEMBER);
    expect(summary.followUpEffect).toEqual([
      { step: 1, sent: 4, replied: 2, replyRate: 0.5 },
      { step: 2, sent: 2, replied: 1, replyRate: 0.5 },
    ]);
    expect(summary.previousFollowUpEffect).toEqual([{ step: 1, sent: 1, replied: 1, replyRate: 1 }]);

    const december = await getAnalyticsSummary(asKey(shop.id), { from: "2026-12-01", to: "2026-12-01" });
    expect(december.followUpEffect).toEqual([{ step: 1, sent: 1, replied: 0, replyRate: 0 }]);

    const json = toAnalyticsJson(summary);
    expect(json.follow_up_effect[0]).toEqual({ step: 1, sent: 4, replied: 2, reply_rate: 0.5 });
    expect(json.previous_follow_up_effect).toEqual([{ step: 1, sent: 1, replied: 1, reply_rate: 1 }]);
    expect(toAnalyticsCsv(summary, "follow_ups").split("\r\n")).toEqual([
      "step,sent,replied,reply_rate,previous_sent,previous_replied,previous_reply_rate",
      "1,4,2,0.5,1,1,1",
      "2,2,1,0.5,0,0,",
      "",
    ]);
  });
});
