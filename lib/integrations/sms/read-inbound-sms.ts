import { z } from "zod";

/** A customer's SMS (or MMS) as Twilio's inbound-message webhook describes it, in our words. */
export type InboundSmsParams = {
  messageSid: string;
  /** The customer, E.164 as Twilio sends it. */
  from: string;
  /** Our number the customer texted. */
  to: string;
  body: string;
  numSegments: number | null;
  /** MMS media, by Twilio's URL: referenced, never fetched here (it needs the account's credentials). */
  media: { url: string; contentType: string | null }[];
  /** STOP / START / HELP when a Messaging Service with Advanced Opt-Out recognised a keyword; usually absent. */
  optOutType: "STOP" | "START" | "HELP" | null;
};

// Twilio "will occasionally add new parameters without advance notice": only the ones we use are read.
const inboundParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/i),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(20_000).default(""),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  NumSegments: z.coerce.number().int().positive().optional(),
  OptOutType: z.string().optional(),
});

/** Only Twilio's own media URLs are kept: anything else in MediaUrlN is not a Twilio attachment. */
const TWILIO_MEDIA =
  /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\/(SM|MM)[0-9a-f]{32}\/Media\/ME[0-9a-f]{32}$/i;

/** Null when the parameters are not an inbound message (a status callback, a stranger's form post). */
export function readInboundSms(params: Record<string, string>): InboundSmsParams | null {
  const parsed = inboundParams.safeParse(params);
  if (!parsed.success) return null;
  const p = parsed.data;
  const media: InboundSmsParams["media"] = [];
  for (let i = 0; i < p.NumMedia; i++) {
    const url = params[`MediaUrl${i}`];
    if (url && TWILIO_MEDIA.test(url))
      media.push({ url, contentType: params[`MediaContentType${i}`]?.slice(0, 100) || null });
  }
  const optOut = p.OptOutType?.toUpperCase();
  return {
    messageSid: p.MessageSid,
    from: p.From,
    to: p.To,
    body: cleanSmsText(p.Body),
    numSegments: p.NumSegments ?? null,
    media,
    optOutType: optOut === "STOP" || optOut === "START" || optOut === "HELP" ? optOut : null,
  };
}

/**
 * NFC, and no NUL or other control characters but line breaks and tabs (Postgres refuses NUL in text). The
 * signature was checked on the raw body before this; what is stored is the cleaned text.
 */
function cleanSmsText(text: string): string {
  return text.normalize("NFC").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}
