import { z } from "zod";

const tenantJob = { dealershipId: z.uuid() };
/** One stored outbound message to the customer (conversations row). */
const customerMessage = z.object({ conversationId: z.uuid(), leadId: z.uuid(), ...tenantJob });

/** Why the assigned rep is told about a lead; one rule (lib/messaging/notify-rep.ts) for every reason. */
export const REP_NOTIFY_REASONS = [
  "new_lead",
  "draft_ready",
  "replied",
  "bounced",
  "merged",
  "reassigned",
  /** The AI stopped answering a conversation (asked for a person, price, complaint, … or the turn limit). */
  "handed_off",
] as const;
export type RepNotifyReason = (typeof REP_NOTIFY_REASONS)[number];

const repNotify = z.object({
  leadId: z.uuid(),
  ...tenantJob,
  reason: z.enum(REP_NOTIFY_REASONS),
  /** new_lead: whether the customer got an automatic reply (the SMS says so when not). */
  customerAnswered: z.boolean().optional(),
  /** replied: the received e-mail (one notification per e-mail, however often the job runs). */
  emailId: z.uuid().optional(),
  /** reassigned: the rep the lead moved to (one notification per new owner). */
  toUserId: z.uuid().optional(),
  /** replied / handed_off: the customer's message (conversations row); draft_ready: the waiting draft. */
  messageId: z.uuid().optional(),
  /** handed_off: why (lib/conversations/detect-hand-off.ts). */
  handOffReason: z.string().max(40).optional(),
});

/**
 * Every job's payload, by job name: the one map that enqueue() is typed from and jobs/definitions parse with.
 * Lives in lib/ so that domain code can enqueue without importing jobs/. Payloads are camelCase (internal).
 */
export const jobPayloads = {
  "lead.respond": z.object({ leadId: z.uuid(), ...tenantJob }),
  "customer.send-email": customerMessage,
  "customer.send-sms": customerMessage,
  "rep.notify": repNotify,
  "facebook.fetch-lead": z.object({ deliveryId: z.uuid(), ...tenantJob }),
  "email.process": z.object({ emailId: z.uuid(), ...tenantJob }),
  "auth.password-reset": z.object({ email: z.email() }),
  "auth.sign-in-link": z.object({ email: z.email() }),
  "maintenance.purge": z.object({}).default({}),
  "rep.lead-waiting": z.object({}).default({}),
  "rep.daily-summary": z.object({}).default({}),
  /** A member left through Clerk: their open leads go to the round robin. */
  "team.reassign-leads": z.object({ userId: z.uuid(), ...tenantJob }),
  "inventory.feed-sync": z.object({ ...tenantJob }),
  /** A rep's task on a lead comes due (enqueued with startAfter = dueAt; a snoozed task's old job finds a new due). */
  "task.due": z.object({ taskId: z.uuid(), ...tenantJob, dueAt: z.iso.datetime() }),
  /** Every minute: due follow-ups (issue 19) → followup.send jobs. */
  "followup.sweep": z.object({}).default({}),
  /** One due follow-up of a lead, on its own queue so first replies (lead.respond) never wait behind a drain. */
  "followup.send": z.object({ followUpId: z.uuid(), ...tenantJob }),
  /** GDPR: collect one person's export (the address stays sealed on the request, never in the payload). */
  "privacy.export": z.object({ requestId: z.uuid(), ...tenantJob }),
  /** GDPR: nightly, anonymise leads past each dealership's retention and drop expired exports. */
  "privacy.retention": z.object({}).default({}),
  /** GDPR: the admin's dealership-wide export, streamed into a zip file (NORVALT_EXPORT_DIR) with progress. */
  "privacy.dealership-export": z.object({ requestId: z.uuid(), ...tenantJob }),
  /** A customer wrote again (SMS): the AI drafts an answer, hands the lead to a person, or leaves it to them. */
  "conversation.reply": z.object({ leadId: z.uuid(), messageId: z.uuid(), ...tenantJob }),
  /** Every minute: jobs pg-boss failed for good by expiry or a dead worker get their final-failure hook. */
  "jobs.settle-expired": z.object({}).default({}),
} as const;

export type JobName = keyof typeof jobPayloads;
/** What a producer passes to enqueue (before defaults). */
export type JobPayload<N extends JobName> = z.input<(typeof jobPayloads)[N]>;
/** What a handler receives (parsed). */
export type ParsedJobPayload<N extends JobName> = z.output<(typeof jobPayloads)[N]>;

/** Where pg-boss (and the runner, for payloads that fail their schema) parks a queue's failed jobs. */
export const deadLetterQueueName = (name: string) => `${name}.dead`;
