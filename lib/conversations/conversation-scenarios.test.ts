import { describe, expect, it } from "vitest";
import {
  CONVERSATION_SCENARIOS,
  NEVER,
  type ConversationScenario,
} from "../../tests/fixtures/conversation-scenarios.ts";
import { INVENTORY, replyContext } from "../../tests/fixtures/reply-context.ts";
import { composeBuiltInReply } from "../responder/compose-built-in-reply.ts";
import { buildReplyTurnContext } from "../responder/compose-reply-turn.ts";
import { checkReply, withDisclosure } from "../responder/guardrails.ts";
import type { ReplyContext } from "../responder/reply-types.ts";
import { planReplyTurn, type ReplyTurnPlan } from "./plan-reply-turn.ts";

const NOW = new Date("2026-03-04T10:00:00Z"); // a Wednesday morning, open

/** Plays a scenario through the job's planner, context builder, built-in responder and guardrails. */
function play(scenario: ConversationScenario) {
  const base = replyContext({
    lead: {
      customerName: scenario.lead.customerName ?? null,
      vehicleInterest: scenario.lead.vehicleInterest ?? null,
      message: scenario.lead.message,
    },
    vehicles: INVENTORY,
  });
  const history: ReplyContext["conversation"] = [
    { direction: "inbound", senderType: "customer", content: scenario.lead.message, at: NOW },
    {
      direction: "outbound",
      senderType: "ai",
      content: "Hei! Takk for meldingen. En selger tar kontakt.",
      at: NOW,
    },
  ];
  let aiPaused = false;
  let personWrote = false;
  let aiTurns = 0;
  const turns: {
    text: string;
    plan: ReplyTurnPlan;
    body?: string;
    cited?: string[];
    ok?: boolean;
    violations?: unknown;
  }[] = [];
  for (const step of scenario.steps) {
    if ("person" in step) {
      personWrote = true;
      history.push({ direction: "outbound", senderType: "human", content: step.person, at: NOW });
    } else if ("handBack" in step) {
      aiPaused = false;
      personWrote = false;
      aiTurns = 0;
    } else if ("takeOver" in step) {
      aiPaused = true;
    } else {
      const context = {
        ...buildReplyTurnContext({
          base: { ...base, now: NOW },
          inventory: INVENTORY,
          text: step.customer,
          history: [...history],
        }),
      };
      const plan = planReplyTurn({
        aiReplyMode: scenario.mode ?? "draft",
        handOffAfterTurns: scenario.handOffAfterTurns ?? 3,
        aiPaused,
        personWrote,
        aiTurns,
        suppressed: false,
        excluded: null,
        isLatest: true,
        text: step.customer,
        facts: context.facts,
      });
      history.push({ direction: "inbound", senderType: "customer", content: step.customer, at: NOW });
      if (plan.action === "draft") {
        const reply = withDisclosure(composeBuiltInReply(context), context);
        const verdict = checkReply(reply, context);
        history.push({ direction: "outbound", senderType: "ai", content: reply.body, at: NOW });
        aiTurns++;
        turns.push({
          text: step.customer,
          plan,
          body: reply.body,
          cited: reply.citedVehicleIds,
          ok: verdict.ok,
          violations: verdict.violations,
        });
      } else {
        if (plan.action === "hand_off") aiPaused = true;
        turns.push({ text: step.customer, plan });
      }
    }
  }
  return turns;
}

describe("multi-turn conversations (tests/fixtures/conversation-scenarios.ts)", () => {
  it("has at least 20 scenarios", () => {
    expect(CONVERSATION_SCENARIOS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CONVERSATION_SCENARIOS.map((s) => [s.name, s] as const))("%s", (_name, scenario) => {
    const turns = play(scenario);
    const expectations = scenario.steps.flatMap((s) => ("customer" in s ? [s.expect] : []));
    expect(turns).toHaveLength(expectations.length);
    turns.forEach((turn, i) => {
      const want = expectations[i]!;
      const label = `turn ${i + 1} «${turn.text}»`;
      expect(turn.plan.action, label).toBe(want.action);
      if (want.reason) expect("reason" in turn.plan ? turn.plan.reason : null, label).toBe(want.reason);
      if (turn.plan.action !== "draft") return;
      if (want.hold !== undefined) expect(turn.plan.hold, label).toBe(want.hold);
      expect(turn.violations, `${label}: ${turn.body}`).toEqual([]);
      expect(turn.ok).toBe(true);
      for (const pattern of [...NEVER, ...(want.avoids ?? [])]) expect(turn.body, label).not.toMatch(pattern);
      for (const pattern of want.mentions ?? []) expect(turn.body, label).toMatch(pattern);
      for (const id of want.cites ?? []) expect(turn.cited, label).toContain(id);
    });
  });
});
