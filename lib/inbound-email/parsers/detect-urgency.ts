import type { ExtractedEmailLead } from "../inbound-message.ts";

type Urgency = ExtractedEmailLead["urgency"];

// A customer who wants to come in or needs the car now is called first (score 70); a price, offer or
// finance question is a live buyer (60); anything else is worth an answer but not a phone call (50).
const HIGH =
  /\b(i dag|i kveld|i morgen|snarest|haster|hastesak|raskt som mulig|fort som mulig|pr[øo]vekj[øo]r\w*|pr[øo]vetur|test[- ]?drive|today|tonight|tomorrow|asap|as soon as possible|urgent)\b/i;
const MEDIUM =
  /\b(pris\w*|tilbud\w*|finansier\w*|l[åa]n|billån|innbytte\w*|leasing|leie|m[åa]nedspris\w*|m[åa]nedskostnad\w*|mellomlegg\w*|egenkapital|kontant|rabatt|price|prices|offer|quote|finance|financing|loan|lease|trade-in|trade in)\b/i;

export function detectUrgency(...texts: Array<string | null | undefined>): Urgency {
  const text = texts.filter(Boolean).join("\n");
  if (HIGH.test(text)) return "high";
  if (MEDIUM.test(text)) return "medium";
  return "low";
}
