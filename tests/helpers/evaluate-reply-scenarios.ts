import { composeBuiltInReply } from "../../lib/responder/compose-built-in-reply.ts";
import { checkReply, withDisclosure } from "../../lib/responder/guardrails.ts";
import type { FactIntent } from "../../lib/responder/lead-facts.ts";
import { readLead } from "../../lib/responder/read-lead.ts";
import type { DraftReply } from "../../lib/responder/reply-types.ts";
import { searchStock, vehiclesForReply } from "../../lib/responder/search-stock.ts";
import { replyContext } from "../fixtures/reply-context.ts";
import { SCENARIO_INVENTORY, type Scenario } from "../fixtures/reply-scenarios.ts";

/** How a reply shows it answered each intent (case-insensitive regex on the body). */
const ANSWERED: Record<FactIntent, RegExp> = {
  price: /\d{3} \d{3} kr|pris|price|listed at|budsjett|budget/i,
  availability:
    /ledig|solgt|reservert|på lager|inne nå|nærmeste|aktuell|available|sold|reserved|in stock|instead/i,
  test_drive: /prøvekjør|test drive|innom|come by/i,
  trade_in: /innbytte|trade-in/i,
  financing: /finansiering|financing/i,
  reservation: /reservasjon|reservation|reservert|reserved/i,
  delivery: /leveringstid|delivery time/i,
  service: /serviceavdeling|service department/i,
  callback: /ringer deg|will call you/i,
  complaint: /beklager|sorry/i,
  browse:
    /passer|aktuell|ledig|available|ser etter|fits?\b|looking for|nærmest|closest|take a look|ingen bil inne|no car in stock/i,
  opt_out: /$^/,
};

export type ScenarioResult = {
  id: string;
  factsOk: boolean;
  factProblems: string[];
  replyOk: boolean;
  replyProblems: string[];
  guardrailsOk: boolean;
  /** Each intent the scenario raises, and whether the reply answered it. */
  answered: Partial<Record<FactIntent, boolean>>;
  reply: DraftReply | null;
};

export const EVAL_NOW = new Date("2026-12-03T10:00:00Z"); // a Thursday, 11:00 in Oslo: open

export function evaluateScenario(s: Scenario): ScenarioResult {
  const lead = {
    customerName: s.name ?? null,
    vehicleInterest: s.interest ?? null,
    message: s.message,
    source: "website" as const,
  };
  const facts = readLead(lead);
  const factProblems: string[] = [];
  for (const intent of s.facts.intents)
    if (!facts.intents.includes(intent))
      factProblems.push(`intent ${intent} missing (${facts.intents.join(",")})`);
  for (const intent of s.facts.notIntents ?? [])
    if (facts.intents.includes(intent)) factProblems.push(`intent ${intent} should not be read`);
  if (s.facts.order) {
    const seen = facts.intents.filter((i) => s.facts.intents.includes(i));
    if (seen.join() !== s.facts.intents.join()) factProblems.push(`order ${seen.join(",")}`);
  }
  if (s.facts.language && facts.language !== s.facts.language)
    factProblems.push(`language ${facts.language}`);
  for (const [key, want] of Object.entries(s.facts.criteria ?? {})) {
    const got = (facts.criteria as Record<string, unknown>)[key];
    const ok = Array.isArray(want)
      ? (want as unknown[]).every((w) => (got as unknown[]).includes(w))
      : JSON.stringify(got) === JSON.stringify(want);
    if (!ok) factProblems.push(`criteria.${key} = ${JSON.stringify(got)}`);
  }
  if (s.facts.callbackAfter != null && facts.callback?.after !== s.facts.callbackAfter)
    factProblems.push(`callback ${JSON.stringify(facts.callback)}`);
  if (s.facts.testDriveDay && facts.testDrive?.day !== s.facts.testDriveDay)
    factProblems.push(`test drive ${JSON.stringify(facts.testDrive)}`);

  const stock = searchStock(facts, lead, SCENARIO_INVENTORY);
  const ctx = {
    ...replyContext({
      lead,
      vehicles: vehiclesForReply(stock, lead, SCENARIO_INVENTORY),
      dealership: { servicePhone: "+4722998877", serviceEmail: "verksted@fjordbil.no" },
      repName: "Ola Selger",
      openNow: true,
      whenWeCall: "i løpet av kort tid",
    }),
    now: EVAL_NOW,
    facts,
    stock,
  };
  // An opt-out gets no reply at all (respondToLead suppresses the address and tells the rep).
  const reply = facts.intents.includes("opt_out") ? null : withDisclosure(composeBuiltInReply(ctx), ctx);
  const replyProblems: string[] = [];
  const guardrailsOk = reply ? checkReply(reply, ctx).ok : true;
  if (reply && !guardrailsOk)
    replyProblems.push(
      `guardrails: ${checkReply(reply, ctx)
        .violations.map((v) => `${v.rule} ${v.detail}`)
        .join("; ")}`,
    );
  if (s.reply.none && reply) replyProblems.push("a reply was drafted");
  if (!s.reply.none && !reply) replyProblems.push("no reply");
  const body = reply ? `${reply.subject}\n${reply.body}` : "";
  for (const m of s.reply.mentions ?? [])
    if (!new RegExp(m, "i").test(body)) replyProblems.push(`missing /${m}/`);
  for (const m of s.reply.notMentions ?? [])
    if (new RegExp(m, "i").test(body)) replyProblems.push(`has /${m}/`);
  for (const id of s.reply.cites ?? [])
    if (!reply?.citedVehicleIds.includes(id)) replyProblems.push(`does not cite ${id}`);
  if (s.reply.citesNone && reply?.citedVehicleIds.length) replyProblems.push("cites cars");
  const repeated = reply ? findRepeatedSequence(reply.body) : null;
  if (repeated) replyProblems.push(`repeats "${repeated}"`);
  const answered: Partial<Record<FactIntent, boolean>> = {};
  for (const intent of s.facts.intents) {
    answered[intent] =
      intent === "opt_out" ? reply === null : reply !== null && ANSWERED[intent].test(reply.body);
  }
  return {
    id: s.id,
    factsOk: factProblems.length === 0,
    factProblems,
    replyOk: replyProblems.length === 0,
    replyProblems,
    guardrailsOk,
    answered,
    reply,
  };
}

/** The first 4-word sequence that occurs twice in the reply's own text (greeting to signature), or null. */
export function findRepeatedSequence(body: string): string | null {
  const words =
    body
      .split(/\n\s*\n/)
      .slice(0, -2)
      .join(" ")
      .toLowerCase()
      .match(/[\p{L}\d]+/gu) ?? [];
  const seen = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) {
    const gram = words.slice(i, i + 4).join(" ");
    if (seen.has(gram)) return gram;
    seen.add(gram);
  }
  return null;
}
