import { computeMac } from "../security/sign-token.ts";

/** Marks a stored keyed hash; a stored address without it is plaintext from before migration 0016. */
export const SUPPRESSION_HASH_PREFIX = "h1:";

/**
 * What the suppression list stores instead of the address: an HMAC of the normalised address (lower-case e-mail or
 * E.164 phone) under the server's signing secret, per channel. The list can answer "is this address suppressed?"
 * but cannot be read back into addresses, so an erased person's address is not kept to keep them from being
 * contacted. Rotating NORVALT_SIGNING_SECRET makes old hashes unmatchable (see README, Privacy).
 */
export function hashSuppressionAddress(channel: "email" | "sms", normalisedAddress: string): string {
  return (
    SUPPRESSION_HASH_PREFIX +
    computeMac("suppression", `${channel}:${normalisedAddress}`).toString("base64url")
  );
}
