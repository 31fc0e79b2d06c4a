import { describeTime } from "./compose-built-in-reply.ts";
import type { FactIntent, LeadFacts } from "./lead-facts.ts";

const WANTS_NB: Record<FactIntent, string | null> = {
  callback: "Vil bli ringt",
  test_drive: "Vil prøvekjøre",
  price: "Spør om pris",
  availability: "Spør om bilen er ledig",
  trade_in: "Spør om innbytte",
  financing: "Spør om finansiering",
  reservation: "Vil reservere",
  delivery: "Spør om leveringstid",
  service: "Service/verksted – ikke bilkjøp",
  opt_out: "Vil ikke kontaktes",
  complaint: "Klage",
  browse: null,
};

/**
 * What the customer wants, as short Norwegian lines for the rep ("Vil bli ringt i kveld etter kl. 18", "Spør om
 * innbytte"), in the customer's order. Used by the rep SMS; the lead page shows the same facts through next-intl.
 */
export function describeLeadWants(facts: LeadFacts): string[] {
  return facts.intents.flatMap((intent) => {
    const base = WANTS_NB[intent];
    if (!base) return [];
    const time =
      intent === "callback" && facts.callback
        ? describeTime(facts.callback, "nb")
        : intent === "test_drive" && facts.testDrive
          ? describeTime(facts.testDrive, "nb")
          : null;
    return [time ? `${base} ${time}` : base];
  });
}
