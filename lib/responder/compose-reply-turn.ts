import type { Tenant } from "../db/tenant.ts";
import { aiDraftLeadReply, type LeadReplyDraft } from "./ai-draft-lead-reply.ts";
import { buildSignature } from "./compose-built-in-reply.ts";
import { checkReply } from "./guardrails.ts";
import { hasSearchCriteria } from "./lead-facts.ts";
import { readLead } from "./read-lead.ts";
import type { ReplyContext, ReplyVehicle } from "./reply-types.ts";
import { searchStock, vehiclesForReply } from "./search-stock.ts";

/** How many earlier messages the turn's context carries (the prompt clips further). */
const MAX_HISTORY = 20;

export type ReplyTurnInput = {
  /** The lead's context as loadReplyContext builds it for the first reply. */
  base: ReplyContext;
  inventory: ReplyVehicle[];
  /** The customer's message being answered. */
  text: string;
  /** The whole thread before it, oldest first (the customer's first message included). */
  history: ReplyContext["conversation"];
};

/**
 * The context for an answer to a customer's later message: the message is read like a new lead (language,
 * intents, criteria) with the lead's car of interest kept, the stock searched again (a car sold since is news),
 * and the whole thread before it passed along — to Claude fenced as data, like the first message.
 */
export function buildReplyTurnContext({ base, inventory, text, history }: ReplyTurnInput): ReplyContext {
  const { vehicleInterest } = base.lead;
  const own = readLead({ vehicleInterest, message: text });
  // "Kan jeg prøvekjøre den på lørdag?" names no car: the car is the one the customer asked about before.
  const searchText = hasSearchCriteria(own.criteria)
    ? { vehicleInterest, message: text }
    : { vehicleInterest, message: [...earlierCustomerText(base, history), text].join("\n") };
  const facts = { ...own, criteria: readLead(searchText).criteria };
  const stock = searchStock(facts, searchText, inventory);
  return {
    ...base,
    lead: { ...base.lead, message: text },
    facts,
    stock,
    vehicles: vehiclesForReply(stock, searchText, inventory),
    conversation: history.slice(-MAX_HISTORY),
    replyTurn: true,
  };
}

/** What the customer wrote before this message, oldest first (their first message once). */
function earlierCustomerText(base: ReplyContext, history: ReplyContext["conversation"]): string[] {
  const inbound = history.filter((m) => m.direction === "inbound").map((m) => m.content);
  const first = base.lead.message?.trim();
  return first && !inbound.some((m) => m.trim() === first) ? [first, ...inbound] : inbound;
}

/**
 * Drafts the answer with the same responders and the same guardrails as the first reply (Claude, else the
 * built-in responder; a Claude draft that breaks a rule is replaced). By SMS the e-mail signature gives way to
 * the dealership's name, and the guardrails are checked again on that shorter text.
 */
export async function aiDraftReplyTurn(
  tenant: Tenant,
  input: { context: ReplyContext; leadId: string; channel: "email" | "sms" },
  options: { signal?: AbortSignal } = {},
): Promise<LeadReplyDraft> {
  const draft = await aiDraftLeadReply(tenant, { context: input.context, leadId: input.leadId }, options);
  if (input.channel !== "sms") return draft;
  const language = input.context.facts?.language === "en" ? "en" : "nb";
  const signature = buildSignature(input.context.dealership, language);
  if (!draft.body.includes(signature)) return draft;
  const shorter = { ...draft, body: draft.body.replace(signature, `- ${input.context.dealership.name}`) };
  return checkReply(shorter, input.context).ok ? shorter : draft;
}
