/** The steps of our delivery ladder a vendor's SMS status can land on (a subset of outbox_messages.status). */
export type VendorSmsStatus = "queued" | "sent" | "delivered" | "failed";

// Twilio's MessageStatus values (OpenAPI enum) in our ladder. `accepted`/`scheduled` are a messaging service's
// queue; `read` (WhatsApp, RCS) implies delivered; `partially_delivered` left the carrier for some parts only.
const TWILIO_STATUS: Record<string, VendorSmsStatus> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "sent",
  sent: "sent",
  partially_delivered: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "failed",
  failed: "failed",
  canceled: "failed",
};

/** Undefined for statuses of inbound messages (receiving, received) and anything Twilio adds later. */
export function mapTwilioStatus(status: string): VendorSmsStatus | undefined {
  return Object.hasOwn(TWILIO_STATUS, status) ? TWILIO_STATUS[status] : undefined;
}
