import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import twilio from "twilio";

const DIR = resolve(import.meta.dirname, "../fixtures/twilio-inbound-sms");

/** A raw fixture body (tests/fixtures/twilio-inbound-sms, Twilio's parameter names and order). */
export function inboundFixture(name: string): string {
  return readFileSync(join(DIR, name), "utf8");
}

/** A fresh MessageSid with the fixture's prefix (SM…/MM…), so reruns on a kept database are new messages. */
export function newMessageSid(prefix: "SM" | "MM" = "SM"): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/**
 * A fixture body as a customer's message to `to` from `from`, with a new MessageSid (unless given) and any
 * parameters replaced or added, in Twilio's form encoding.
 */
export function inboundBody(
  fixture: string,
  { to, from, sid, set = {} }: { to: string; from: string; sid?: string; set?: Record<string, string> },
): { body: string; sid: string } {
  const params = new URLSearchParams(inboundFixture(fixture));
  const messageSid = sid ?? newMessageSid(params.get("MessageSid")!.startsWith("MM") ? "MM" : "SM");
  const old = params.get("MessageSid")!;
  for (const key of ["MessageSid", "SmsSid", "SmsMessageSid"]) params.set(key, messageSid);
  params.set("To", to);
  params.set("From", from);
  for (const [k, v] of Object.entries(set)) params.set(k, v);
  // The media URL names the message too.
  for (const [k, v] of [...params]) if (k.startsWith("MediaUrl")) params.set(k, v.replace(old, messageSid));
  return { body: params.toString(), sid: messageSid };
}

/** Twilio's signature for a body posted to `url`, computed by the real SDK. */
export function signInbound(authToken: string, url: string, body: string): string {
  return twilio.getExpectedTwilioSignature(authToken, url, Object.fromEntries(new URLSearchParams(body)));
}

/** A valid Norwegian mobile number (9 + 7 digits: always an allocated range). */
export function randomMobile(): string {
  return `+479${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
}
