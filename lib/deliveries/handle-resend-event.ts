import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { processedWebhookEvents } from "../../db/schema/auth.ts";
import { leadEvents } from "../../db/schema/conversations.ts";
import type { DeliveryStatus } from "../../db/schema/enums.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { VerifiedResendEvent } from "../integrations/mailer/verify-resend-signature.ts";
import { enqueue } from "../jobs/enqueue.ts";
import {
  applyDeliveryStatus,
  findOutboxMessageByProviderId,
  type HandledDeliveryEvent,
  type OutboxMessageRef,
} from "./apply-delivery-status.ts";
import { suppressDeliveryAddress } from "./suppress-delivery-address.ts";
import { getLogger } from "../log/logger.ts";

const resendEnvelope = z.object({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
// Only what we use. The 2023 payloads carry bounce.message alone; current ones add bounce.type/subType.
const emailEventData = z.object({
  email_id: z.string().min(1),
  bounce: z.object({ message: z.string(), type: z.string(), subType: z.string() }).partial().optional(),
  failed: z.object({ reason: z.string() }).partial().optional(),
  suppressed: z.object({ message: z.string(), type: z.string() }).partial().optional(),
});
type EmailEventData = z.infer<typeof emailEventData>;

type Plan = {
  status?: DeliveryStatus;
  error?: string;
  metadata?: Record<string, unknown>;
  suppress?: "hard_bounce" | "complaint";
  /** The customer did not get the e-mail: flag the lead and text the rep. */
  alertRep?: boolean;
};

/**
 * One verified Resend webhook event → the message's delivery status (outbox and conversation), never backwards.
 * A hard bounce also suppresses the address, flags the lead for review and queues a rep notification; a complaint
 * suppresses the address. All in one transaction with the svix id, so a redelivered event is a no-op.
 */
export async function handleResendEvent(event: VerifiedResendEvent): Promise<HandledDeliveryEvent> {
  const envelope = resendEnvelope.safeParse(event.payload);
  if (!envelope.success)
    throw new AppError("bad_request", "Body is not a Resend event: expected { type, data }");
  if (!PLANNED_TYPES.has(envelope.data.type)) return { status: "ignored" };
  const data = emailEventData.safeParse(envelope.data.data);
  if (!data.success)
    throw new AppError("bad_request", `${envelope.data.type} payload: ${z.prettifyError(data.error)}`);
  const at = eventTime(envelope.data.created_at);
  const plan = planResendEvent(envelope.data.type, data.data, at);

  const message = await findOutboxMessageByProviderId("resend", data.data.email_id);
  if (!message) {
    // Not sent through this app (another sender on the Resend account, a purged outbox row), or an event that
    // beat the adapter's own write of provider_message_id. Answering 200 stops Resend retrying something we
    // cannot place; the adapter records "sent" itself, and later events find the row.
    getLogger("resend").warn(`${envelope.data.type} for unknown email_id ${data.data.email_id}: ignored`);
    return { status: "ignored" };
  }
  const result = { dealershipId: message.dealershipId, leadId: message.leadId };
  return withTenant(message.dealershipId, async (tx) => {
    const [fresh] = await tx
      .insert(processedWebhookEvents)
      .values({ provider: "resend", eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: processedWebhookEvents.eventId });
    if (!fresh) return { status: "duplicate", ...result };
    const { changed } = await applyDeliveryStatus(tx, {
      providerMessageId: data.data.email_id,
      status: plan.status,
      at,
      error: plan.error,
      metadata: plan.metadata,
    });
    if (plan.suppress) await suppressDeliveryAddress(tx, message, plan.suppress);
    if (changed && message.leadId && plan.status && UNDELIVERED.includes(plan.status))
      await recordUndeliveredOnLead(tx, message, plan, message.leadId);
    return { status: "applied", ...result };
  });
}

const PLANNED_TYPES = new Set([
  "email.sent",
  "email.delivered",
  "email.delivery_delayed",
  "email.bounced",
  "email.suppressed",
  "email.complained",
  "email.failed",
]);

function planResendEvent(type: string, data: EmailEventData, at: Date): Plan {
  switch (type) {
    case "email.sent":
      return { status: "sent" };
    case "email.delivered":
      return { status: "delivered" };
    case "email.delivery_delayed":
      // The receiving server deferred it; Resend keeps trying. Not a step on the ladder, but worth showing.
      return { metadata: { deliveryDelayedAt: at.toISOString() } };
    case "email.bounced": {
      const hard = isHardBounce(data.bounce);
      const kind = [data.bounce?.type, data.bounce?.subType].filter(Boolean).join("/");
      return {
        status: "bounced",
        error: [kind, data.bounce?.message].filter(Boolean).join(": ") || "bounced",
        ...(hard && { suppress: "hard_bounce", alertRep: true }),
      };
    }
    case "email.suppressed":
      // Resend did not even try: the address is on the account's suppression list from an earlier bounce.
      return {
        status: "bounced",
        error: data.suppressed?.message ?? "suppressed by Resend",
        suppress: "hard_bounce",
        alertRep: true,
      };
    case "email.complained":
      return {
        status: "complained",
        error: "The recipient marked the e-mail as spam",
        suppress: "complaint",
      };
    case "email.failed":
      return { status: "failed", error: data.failed?.reason ?? "failed" };
    default:
      throw new Error(`unplanned Resend event type ${type}`);
  }
}

/**
 * Hard unless Resend says "Transient" (mailbox full, greylisting: worth another try later). Payloads without a
 * type (Resend before 2024) are hard: Resend then reported only permanent rejections as email.bounced, and its
 * own suppression-list bounce ("Resend has suppressed sending to this address") is an earlier hard bounce.
 * "Undetermined" counts as hard too: the customer did not get the reply, and a person should look.
 */
function isHardBounce(bounce: EmailEventData["bounce"]): boolean {
  return bounce?.type?.toLowerCase() !== "transient";
}

// Outcomes that belong on the lead's timeline: the customer did not get (or did not want) the e-mail.
const UNDELIVERED: DeliveryStatus[] = ["failed", "bounced", "complained"];

async function recordUndeliveredOnLead(tx: TenantTx, message: OutboxMessageRef, plan: Plan, leadId: string) {
  const { dealershipId } = tx;
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId,
    type: `email.${plan.status}`,
    actorType: "system",
    data: { outboxId: message.id, address: message.toAddress, error: plan.error },
  });
  if (!plan.alertRep) return;
  await tx
    .update(leads)
    .set({
      needsReview: true,
      reviewReason: `E-posten til ${message.toAddress} kom i retur. Kontakt kunden på telefon eller en annen adresse.`,
      updatedAt: new Date(),
    })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  await enqueue("rep.notify", { leadId, dealershipId, reason: "bounced" }, { tx });
}

/** The vendor's time for the event, or now when it is missing or unreadable. */
function eventTime(createdAt: string | undefined): Date {
  const at = createdAt ? new Date(createdAt) : new Date();
  return Number.isNaN(at.getTime()) ? new Date() : at;
}
