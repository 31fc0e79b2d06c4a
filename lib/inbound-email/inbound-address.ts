import { randomBytes } from "node:crypto";
import { getEnv } from "../../env.ts";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * `{slug}-{8 random characters}`: readable enough for a forwarding rule, unguessable enough that spammers cannot
 * derive it from the dealership's name (which is why it is rotatable).
 */
export function generateInboundLocalPart(slug: string): string {
  const bytes = randomBytes(8);
  const suffix = Array.from(bytes, (b) => BASE32[b & 31]).join("");
  const prefix = slug.replace(/[^a-z0-9-]/g, "").slice(0, 40) || "forhandler";
  return `${prefix}-${suffix}`;
}

/** The secret in the dealership's own inbound webhook URL: 256 bits, URL-safe. */
export function generateInboundSecret(): string {
  return randomBytes(32).toString("hex");
}

export function formatInboundAddress(localPart: string, domain = getEnv().INBOUND_EMAIL_DOMAIN): string {
  return `${localPart}@${domain}`;
}

/** Local parts (lower case) of the addresses at our inbound domain among `addresses`. */
export function inboundLocalPartsOf(addresses: string[], domain = getEnv().INBOUND_EMAIL_DOMAIN): string[] {
  const suffix = `@${domain.toLowerCase()}`;
  const parts = new Set<string>();
  for (const address of addresses) {
    // "Name" <local@domain> or a bare address; several per header value.
    for (const match of address.toLowerCase().matchAll(/[^\s<>,;"']+@[^\s<>,;"']+/g)) {
      if (match[0].endsWith(suffix)) parts.add(match[0].slice(0, -suffix.length));
    }
  }
  return [...parts];
}
