import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { mapTwilioStatus } from "./map-twilio-status.ts";
import { isE164, type SmsSender } from "./sms.ts";

const TIMEOUT_MS = 15_000;

export type TwilioSmsOptions = {
  accountSid: string;
  authToken: string;
  /** A number or alphanumeric sender id; ignored when a messaging service is given. */
  from?: string;
  messagingServiceSid?: string;
  /** Where API requests go instead of https://api.twilio.com (tests' loopback fake, a proxy). */
  baseUrl?: string;
  /** Public URL of app/api/webhooks/twilio/status; Twilio reports each status change there. */
  statusCallbackUrl: string;
};

/**
 * Real SMS through Twilio's Messages API. Twilio has no idempotency key: the caller's ledger records each SMS
 * before the call and never hands an accepted one over again. The receipt carries the Twilio SID, the status
 * mapped onto our ladder and the billed parts (`segments`).
 */
export function createTwilioSms(options: TwilioSmsOptions): SmsSender {
  if (!options.from && !options.messagingServiceSid)
    throw new Error("Twilio needs a sender: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID");
  const client = twilio(options.accountSid, options.authToken, {
    timeout: TIMEOUT_MS,
    ...(options.baseUrl && { httpClient: new RedirectedRequestClient(options.baseUrl) }),
  });
  const sender = options.messagingServiceSid
    ? { messagingServiceSid: options.messagingServiceSid }
    : { from: options.from! };
  return {
    provider: "twilio",
    fromAddress: options.messagingServiceSid ?? options.from!,
    async sendSms(sms) {
      // Retrying cannot fix a malformed number; the caller normalises (leads.phone_normalized is E.164).
      if (!isE164(sms.to)) throw new Error("Twilio: the recipient is not an E.164 phone number");
      const message = await client.messages
        .create({
          to: sms.to,
          body: sms.body,
          statusCallback: options.statusCallbackUrl,
          // A dealership's own number or sender id replaces the installation's sender (and its messaging service).
          ...(sms.from ? { from: sms.from } : sender),
        })
        .catch((err: unknown) => {
          throw new Error(`Twilio refused the SMS (${describeTwilioError(err)})`, { cause: err });
        });
      return {
        providerMessageId: message.sid,
        status: mapTwilioStatus(message.status) ?? "queued",
        metadata: { segments: Number(message.numSegments), twilioStatus: message.status },
      };
    },
  };
}

function describeTwilioError(err: unknown): string {
  if (err instanceof twilio.RestException) return `${err.status} ${err.code ?? ""}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Twilio's SDK has no base-URL option (only edge/region host rewrites). This client keeps each request's path and
 * query and swaps the origin, so the real SDK code, auth and form encoding run against the given server.
 */
class RedirectedRequestClient extends twilio.RequestClient {
  readonly #base: URL;
  constructor(baseUrl: string) {
    super({ timeout: TIMEOUT_MS });
    this.#base = new URL(baseUrl);
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const uri = new URL(
      `${this.#base.pathname.replace(/\/$/, "")}${target.pathname}${target.search}`,
      this.#base,
    );
    return super.request({ ...opts, uri: uri.href });
  }
}
