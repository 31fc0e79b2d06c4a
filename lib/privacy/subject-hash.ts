import { normaliseEmail, normalisePhone } from "../leads/normalise-contact.ts";
import { computeMac } from "../security/sign-token.ts";
import type { PersonQuery } from "./find-person.ts";

/**
 * A keyed hash of the address a privacy request was about: two requests about the same person can be told apart
 * from others without the request log naming anyone.
 */
export function hashPrivacySubject(query: PersonQuery): string {
  const email = normaliseEmail(query.email);
  const subject = email ? `email:${email}` : `sms:${normalisePhone(query.phone) ?? ""}`;
  return computeMac("privacy-subject", subject).toString("base64url");
}
