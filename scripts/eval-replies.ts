import { SCENARIOS } from "../tests/fixtures/reply-scenarios.ts";
import { evaluateScenario } from "../tests/helpers/evaluate-reply-scenarios.ts";

// `npm run eval:replies`: issue 17's scenario set through readLead, the stock search, the built-in responder and
// the guardrails. Prints one row per scenario, the per-intent answer rate and the guardrail pass rate.
const results = SCENARIOS.map(evaluateScenario);
const rows = results.map((r) => ({
  scenario: r.id,
  facts: r.factsOk ? "ok" : `FAIL ${r.factProblems.join("; ")}`.slice(0, 70),
  reply: r.replyOk ? "ok" : `FAIL ${r.replyProblems.join("; ")}`.slice(0, 70),
  guardrails: r.guardrailsOk ? "ok" : "FAIL",
  intents: Object.entries(r.answered)
    .map(([i, ok]) => `${i}${ok ? "✓" : "✗"}`)
    .join(" "),
}));
console.table(rows);
const perIntent = new Map<string, { raised: number; answered: number }>();
for (const r of results)
  for (const [intent, ok] of Object.entries(r.answered)) {
    const t = perIntent.get(intent) ?? { raised: 0, answered: 0 };
    t.raised++;
    if (ok) t.answered++;
    perIntent.set(intent, t);
  }
console.table(
  [...perIntent].map(([intent, t]) => ({
    intent,
    raised: t.raised,
    answered: t.answered,
    rate: `${((100 * t.answered) / t.raised).toFixed(1)} %`,
  })),
);
const pct = (n: number) => `${((100 * n) / results.length).toFixed(1)} %`;
console.table([
  { measure: "scenarios", value: String(results.length) },
  { measure: "facts as expected", value: pct(results.filter((r) => r.factsOk).length) },
  { measure: "reply properties held", value: pct(results.filter((r) => r.replyOk).length) },
  { measure: "guardrails passed", value: pct(results.filter((r) => r.guardrailsOk).length) },
]);
