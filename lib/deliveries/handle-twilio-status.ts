import { z } from "zod";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { mapTwilioStatus } from "../integrations/sms/map-twilio-status.ts";
import {
  applyDeliveryStatus,
  findOutboxMessageByProviderId,
  type HandledDeliveryEvent,
} from "./apply-delivery-status.ts";
import { suppressDeliveryAddress } from "./suppress-delivery-address.ts";
import { getLogger } from "../log/logger.ts";

// Twilio adds parameters freely (ToCity, MessagingServiceSid, …); these are the ones we use.
const statusCallback = z.object({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1).optional(),
  ErrorCode: z.string().optional(),
  NumSegments: z.coerce.number().int().positive().optional(),
});

// 21610: the recipient texted STOP to this sender. Twilio blocks every further message, so we stop trying too.
const OPTED_OUT = "21610";

/**
 * One verified Twilio status callback → the SMS's delivery status (outbox and conversation), never backwards.
 * No replay table: moving a status up the ladder twice is the same as once.
 */
export async function handleTwilioStatus(params: Record<string, string>): Promise<HandledDeliveryEvent> {
  const parsed = statusCallback.safeParse(params);
  if (!parsed.success) throw new AppError("bad_request", "Not a Twilio status callback: MessageSid missing");
  const { MessageSid: sid, MessageStatus: twilioStatus, ErrorCode: errorCode, NumSegments } = parsed.data;
  // Inbound messages (SmsStatus=received, no MessageStatus) and statuses Twilio adds later have nothing to move.
  const status = twilioStatus && mapTwilioStatus(twilioStatus);
  if (!status) return { status: "ignored" };
  const message = await findOutboxMessageByProviderId("twilio", sid);
  if (!message) {
    getLogger("twilio").warn(`${twilioStatus} for unknown MessageSid ${sid}: ignored`);
    return { status: "ignored" };
  }
  await withTenant(message.dealershipId, async (tx) => {
    await applyDeliveryStatus(tx, {
      providerMessageId: sid,
      status,
      at: new Date(),
      error: errorCode ? `Twilio error ${errorCode}` : null,
      metadata: {
        twilioStatus,
        ...(errorCode && { twilioErrorCode: errorCode }),
        ...(NumSegments && { segments: NumSegments }),
      },
    });
    if (errorCode === OPTED_OUT) await suppressDeliveryAddress(tx, message, "unsubscribe");
  });
  return { status: "applied", dealershipId: message.dealershipId, leadId: message.leadId };
}
