import type { Tenant } from "../db/tenant.ts";
import { aiDraftLeadReply, type LeadReplyDraft } from "./ai-draft-lead-reply.ts";
import { buildSignature } from "./compose-built-in-reply.ts";
import { checkReply } from "./guardrails.ts";
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
  const leadText = { vehicleInterest: base.lead.vehicleInterest, message: text };
  const facts = readLead(leadText);
  const stock = searchStock(facts, leadText, inventory);
  return {
    ...base,
    lead: { ...base.lead, message: text },
    facts,
    stock,
    vehicles: vehiclesForReply(stock, leadText, inventory),
    conversation: history.slice(-MAX_HISTORY),
    replyTurn: true,
  };
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
