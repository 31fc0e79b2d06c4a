import type { AiMode } from "../../db/schema/enums.ts";
import type { LeadFacts } from "../responder/lead-facts.ts";
import { detectHandOff, type HandOffReason } from "./detect-hand-off.ts";

/** What is known about a conversation when a customer's later message arrives. */
export type ReplyTurnState = {
  /** The dealership's setting for answers after the first reply (draft by default). */
  aiReplyMode: AiMode;
  /** After this many AI answers (since the last hand-back) a person takes over. */
  handOffAfterTurns: number;
  /** "Ta over" or an earlier hand-off: a person has the lead. */
  aiPaused: boolean;
  /** A person wrote to the customer since the lead was last handed back to the AI (or ever, if never). */
  personWrote: boolean;
  /** AI answers to later messages since the last hand-back (the first reply does not count). */
  aiTurns: number;
  /** The customer's number or address is on the suppression list for this channel. */
  suppressed: boolean;
  /** Spam, test or merged-away lead: nobody answers it. */
  excluded: string | null;
  /** This message is the customer's latest (a newer one has its own job). */
  isLatest: boolean;
  /** The customer's message and what readLead found in it. */
  text: string;
  facts?: Pick<LeadFacts, "intents">;
};

export type ReplyTurnPlan =
  | { action: "skip"; reason: string }
  /** The AI stays out; the rep is told the customer wrote. */
  | { action: "leave_to_person"; reason: "suppressed" | "ai_paused" | "person_wrote" | "ai_off" }
  /** The AI stops for good on this lead (until handed back) and the rep is alerted. */
  | { action: "hand_off"; reason: HandOffReason }
  /** Draft an answer; `hold`: a person approves it first (draft mode). */
  | { action: "draft"; hold: boolean };

/**
 * The rules for a customer's later message, in order: nobody answers excluded leads or superseded messages; a
 * person who has the lead keeps it (the AI never answers after a person wrote unless handed back); then the
 * hand-off triggers (a wish for a person, price negotiation, a competitor's offer, a complaint, anger, the turn
 * limit); otherwise the AI drafts, held for approval unless the dealership chose autopilot.
 */
export function planReplyTurn(state: ReplyTurnState): ReplyTurnPlan {
  if (state.excluded) return { action: "skip", reason: state.excluded };
  if (!state.isLatest) return { action: "skip", reason: "superseded" };
  if (state.suppressed) return { action: "leave_to_person", reason: "suppressed" };
  if (state.aiPaused) return { action: "leave_to_person", reason: "ai_paused" };
  if (state.personWrote) return { action: "leave_to_person", reason: "person_wrote" };
  if (state.aiReplyMode === "off") return { action: "leave_to_person", reason: "ai_off" };
  const handOff = detectHandOff(state.text, state.facts);
  if (handOff) return { action: "hand_off", reason: handOff };
  if (state.aiTurns >= state.handOffAfterTurns) return { action: "hand_off", reason: "turn_limit" };
  return { action: "draft", hold: state.aiReplyMode !== "autopilot" };
}
