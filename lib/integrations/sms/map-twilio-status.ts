import type { DeliveryStatus } from "../../../db/schema/enums.ts";

// Twilio's MessageStatus values (OpenAPI enum) in our ladder. `accepted`/`scheduled` are a messaging service's
// queue; `read` (WhatsApp, RCS) implies delivered; `partially_delivered` left the carrier for some parts only.
const TWILIO_STATUS: Record<string, DeliveryStatus> = {
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
export function mapTwilioStatus(status: string): DeliveryStatus | undefined {
  return Object.hasOwn(TWILIO_STATUS, status) ? TWILIO_STATUS[status] : undefined;
}
