import { getEnv } from "../../env.ts";
import { computeMac, macEquals } from "../security/sign-token.ts";

const PURPOSE = "lead-reply-address";
// 80 bits: forging an address means guessing this online, one e-mail per guess, for a lead id one already knows.
const MAC_BYTES = 10;
const UUID_BYTES = 16;
// RFC 4648 base32 in lower case: relays often lower-case local parts, which would corrupt base64.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN_LENGTH = Math.ceil(((UUID_BYTES + MAC_BYTES) * 8) / 5);
const REPLY_LOCAL_PART = /reply\+([a-z2-7]+)@/i;

/**
 * `reply+<token>@INBOUND_EMAIL_DOMAIN`, the Reply-To of every e-mail to a lead: the e-mail intake reads the lead
 * back from it with readLeadReplyAddress. The token (42 characters) is the lead id and a truncated HMAC of it, so
 * nobody can thread mail into another lead's conversation by editing the address.
 */
export function createLeadReplyAddress(leadId: string, domain = getEnv().INBOUND_EMAIL_DOMAIN): string {
  const id = Buffer.from(leadId.replace(/-/g, ""), "hex");
  if (id.length !== UUID_BYTES || !/^[0-9a-f-]{36}$/i.test(leadId)) {
    throw new Error(`createLeadReplyAddress: not a lead id: ${JSON.stringify(leadId)}`);
  }
  return `reply+${encodeBase32(Buffer.concat([id, macOf(id)]))}@${domain}`;
}

/**
 * The lead id in a reply address, or null when there is none or it was altered. Accepts what a To or
 * Delivered-To header holds (`"Fjordbil" <Reply+ABC…@svar.norvalt.no>`, any case). The domain is not checked:
 * mail only reaches the intake through our inbound domain, and the MAC is what makes the address trustworthy.
 */
export function readLeadReplyAddress(address: string): string | null {
  const token = REPLY_LOCAL_PART.exec(address)?.[1]?.toLowerCase();
  if (!token || token.length !== TOKEN_LENGTH) return null;
  const bytes = decodeBase32(token);
  if (!bytes || bytes.length !== UUID_BYTES + MAC_BYTES) return null;
  const id = bytes.subarray(0, UUID_BYTES);
  if (!macEquals(macOf(id), bytes.subarray(UUID_BYTES))) return null;
  const hex = id.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const macOf = (id: Buffer) => computeMac(PURPOSE, id.toString("hex")).subarray(0, MAC_BYTES);

function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Null for characters outside the alphabet or non-zero padding bits (only one spelling per token). */
function decodeBase32(text: string): Buffer | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(out);
}
