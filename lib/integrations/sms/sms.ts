import { createOutboxSms } from "./outbox-sms.ts";
import type { SentMessage } from "../mailer/mailer.ts";

export type OutgoingSms = {
  dealershipId: string;
  /** E.164, e.g. +4791234567 */
  to: string;
  body: string;
  leadId?: string;
  idempotencyKey?: string;
};

export interface SmsSender {
  readonly provider: string;
  sendSms(sms: OutgoingSms): Promise<SentMessage>;
}

let sender: SmsSender | undefined;

/** The one place that picks the adapter. With no vendor keys set, SMS land in outbox_messages. */
export function getSmsSender(): SmsSender {
  sender ??= createOutboxSms();
  return sender;
}
