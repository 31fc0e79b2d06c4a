import { foldText } from "../responder/normalize-text.ts";
import type { LeadFacts } from "../responder/lead-facts.ts";

/** Why a conversation goes from the AI to a person. */
export type HandOffReason =
  "asked_for_person" | "price_negotiation" | "competitor_offer" | "complaint" | "angry" | "turn_limit";

// Patterns run on folded text (ø→o, å→a, æ→ae, lower case): see normalize-text.ts. Norwegian (bokmål and
// nynorsk) and English.
const RULES: { reason: Exclude<HandOffReason, "turn_limit" | "complaint">; patterns: RegExp[] }[] = [
  {
    reason: "asked_for_person",
    patterns: [
      /\b(snakke|prate|snakka|prata) med (en|ein|et|eit)? ?(person|menneske|selger|seljar|ekte|virkelig|noen|nokon)/,
      /\b(er|e) (dette|du) (en )?(robot|bot|maskin|ai|kunstig)/,
      /\b(ekte|virkelig) (person|menneske)/,
      /\bikke (en|ein )?(robot|bot|maskin)\b/,
      /\b(kan|vil|ma) (en|ein) (selger|seljar|person) (ringe|ta kontakt|kontakte)/,
      /\b(speak|talk|chat) (to|with) (a |an )?(real |actual )?(human|person|someone|salesperson|sales rep|agent|representative)/,
      /\b(are you|is this) (a )?(bot|robot|ai|machine)\b/,
      /\breal (human|person)\b/,
    ],
  },
  {
    reason: "competitor_offer",
    patterns: [
      /\b(tilbud|pris) (fra|hos|pa) (en )?(annen|anna|en annen|ein annan|konkurrent|naboforhandler)/,
      /\b(annen|anna|ein annan|en annen) (forhandler|forhandlar|bilforhandler)/,
      /\bbilligere (hos|pa|fra|et annet sted|andre steder)/,
      /\bkonkurrent/,
      /\b(fatt|fekk|fikk) (et |eit )?(bedre )?tilbud/,
      /\b(better|cheaper) (offer|price|deal) (from|at|elsewhere)/,
      /\b(another|other|a different) (dealer|dealership)\b/,
      /\bcompetitor/,
    ],
  },
  {
    reason: "price_negotiation",
    patterns: [
      /\b(beste|laveste|siste) pris/,
      /\b(prisavslag|avslag|rabatt|prute|pruting|prutar|kutte (i )?prisen|ga ned (i|pa) pris|slå av|sla av)/,
      /\bkan (dere|de|du) (ga|gå|komme) ned/,
      /\b(matche|matcha) (prisen|tilbudet)/,
      /\b(kontant|cash) ?(rabatt|pris)/,
      /\b\d[\d .]*(kr|,-)? (og|sa) (er|e) (bilen|den) (min|solgt)/,
      /\b(best|lowest|final) price\b/,
      /\b(discount|negotiate|haggle|knock (something|some) off|come down on (the )?price|match (the|their) (price|offer))/,
      /\bwould you (take|accept)\b/,
      /\b(tar|aksepterer|godtar) (dere|de|du) \d/,
    ],
  },
  {
    reason: "angry",
    patterns: [
      /\b(faen|fy faen|helvete|jaevla|jævla|dritt|drittbutikk|svindel|svindlere|idioter|latterlig|sint|forbanna|rasende)\b/,
      /\b(wtf|damn|shit|fuck\w*|scam|ridiculous|furious|angry|pissed)\b/,
      /!{3,}/,
    ],
  },
];

/**
 * The first reason (in the order above, complaints after an explicit wish for a person) a customer's message
 * should go to a person, or null when the AI may answer it. Also: a message in capitals (≥ 12 letters, no lower
 * case) reads as shouting, and the complaint intent readLead finds.
 */
export function detectHandOff(text: string, facts?: Pick<LeadFacts, "intents">): HandOffReason | null {
  const folded = foldText(text);
  const letters = text.replace(/[^\p{L}]/gu, "");
  for (const rule of RULES) {
    if (rule.reason === "angry" && facts?.intents.includes("complaint")) return "complaint";
    if (rule.patterns.some((p) => p.test(folded))) return rule.reason;
  }
  if (facts?.intents.includes("complaint")) return "complaint";
  if (letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
    return "angry";
  return null;
}
