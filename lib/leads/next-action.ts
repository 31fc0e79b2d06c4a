import type { DeliveryStatus, LeadTaskKind, LeadStatus } from "../../db/schema/enums.ts";

// Client-safe (no database code): the inbox rows and the lead page label what this returns.

/** What a person should do next with a lead, derived from its messages, calls and tasks (never stored). */
export type NextActionKind = "needs_reply" | "call" | "follow_up" | "waiting" | "done";
export type NextAction = { kind: NextActionKind; dueAt: Date | null; overdue: boolean };

export type NextActionInput = {
  status: LeadStatus;
  createdAt: Date;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  humanRespondedAt: Date | null;
  hasPhone: boolean;
  /** The earliest open task. */
  taskKind: LeadTaskKind | null;
  taskDueAt: Date | null;
  /** When the customer asked to be called (requested-call-at.ts), the due time of an untasked "Ring kunden". */
  requestedCallAt?: Date | null;
  /** The next automatic follow-up planned for the lead (issue 19), when one is. */
  followUpDueAt?: Date | null;
};

/**
 * Ferdig (won/lost) → Trenger svar (the customer wrote last, or nothing has gone out yet) → the open task (Ring
 * kunden / Oppfølging planlagt, with its due time) → Ring kunden (no person has been in touch and there is a phone:
 * the AI's reply promises a call; due at the time the customer asked to be called, if they gave one) → Oppfølging
 * planlagt (an automatic follow-up is planned) → Venter på kunde. find-leads.ts's `needsActionSql` is the same rule in SQL.
 */
export function nextActionOf(lead: NextActionInput, now = new Date()): NextAction {
  const due = (dueAt: Date | null) => ({ dueAt, overdue: dueAt !== null && dueAt.getTime() < now.getTime() });
  if (lead.status === "won" || lead.status === "lost") return { kind: "done", dueAt: null, overdue: false };
  const inbound = (lead.lastInboundAt ?? lead.createdAt).getTime();
  if (lead.lastOutboundAt === null || inbound > lead.lastOutboundAt.getTime())
    return { kind: "needs_reply", ...due(null) };
  if (lead.taskDueAt && lead.taskKind)
    return { kind: lead.taskKind === "call" ? "call" : "follow_up", ...due(lead.taskDueAt) };
  if (!lead.humanRespondedAt && lead.hasPhone) return { kind: "call", ...due(lead.requestedCallAt ?? null) };
  // An automatic follow-up is planned: "Oppfølging planlagt" with its time (never overdue: the job sends it).
  if (lead.followUpDueAt) return { kind: "follow_up", dueAt: lead.followUpDueAt, overdue: false };
  return { kind: "waiting", dueAt: null, overdue: false };
}

/** Why the AI has not answered a lead, in words the UI looks up (`nextAction.why.<reason>`); null when it did. */
export type AiSilenceReason =
  | "paused"
  | "draft"
  | "test"
  | "spam"
  | "opt_out"
  | "error"
  | "ai_off"
  | "source_skipped"
  | "no_email"
  | "manual"
  | "duplicate";

const SKIP_REASONS: Record<string, AiSilenceReason> = {
  ai_paused: "paused",
  ai_off: "ai_off",
  source_skipped: "source_skipped",
  no_email: "no_email",
  suppressed: "opt_out",
  spam: "spam",
  test: "test",
  manual: "manual",
  duplicate: "duplicate",
};

export function aiSilenceOf(lead: {
  aiPaused: boolean;
  isTest: boolean;
  isSpam: boolean;
  unsubscribed: boolean;
  source: string;
  duplicate: boolean;
  lastAiStatus: DeliveryStatus | null;
  /** The reason of the lead's `ai.reply_skipped` event, when the responder recorded one. */
  skippedReason?: string | null;
}): AiSilenceReason | null {
  const sentOrSending = ["pending", "queued", "held", "sent", "delivered"];
  if (lead.lastAiStatus && sentOrSending.includes(lead.lastAiStatus)) return null;
  if (lead.lastAiStatus === "draft") return "draft";
  if (lead.lastAiStatus && ["failed", "bounced", "complained"].includes(lead.lastAiStatus))
    return lead.lastAiStatus === "complained" ? "opt_out" : "error";
  if (lead.isSpam) return "spam";
  if (lead.isTest) return "test";
  if (lead.unsubscribed) return "opt_out";
  if (lead.aiPaused) return "paused";
  if (lead.duplicate) return "duplicate";
  if (lead.source === "manual") return "manual";
  if (lead.skippedReason) return SKIP_REASONS[lead.skippedReason] ?? "error";
  return null;
}
