import { getEnv } from "../../env.ts";
import { normaliseEmail } from "../leads/normalise-contact.ts";
import { signToken, verifyToken } from "../security/sign-token.ts";

export type UnsubscribeClaims = { dealershipId: string; email: string; leadId?: string };

const PURPOSE = "unsubscribe";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_PATH = /^\/avmeld\/([A-Za-z0-9_.-]+)$/;

/**
 * A signed, never-expiring token naming the dealership, the address and (for the audit trail) the lead. It never
 * expires because people unsubscribe from e-mails that are months old; it carries the address rather than only
 * the lead so that deleting the lead cannot break the link.
 */
export function createUnsubscribeToken({ dealershipId, email, leadId }: UnsubscribeClaims): string {
  const address = normaliseEmail(email);
  if (!UUID.test(dealershipId) || (leadId && !UUID.test(leadId)) || !address?.includes("@")) {
    throw new Error(
      "createUnsubscribeToken: needs a dealership id, an e-mail address and optionally a lead id",
    );
  }
  // The address goes last: it is the only part that could contain the separator.
  return signToken(PURPOSE, `${dealershipId}|${leadId ?? ""}|${address}`);
}

/** The claims of a genuine unsubscribe token; null for anything forged, tampered with or malformed. */
export function readUnsubscribeToken(token: string): UnsubscribeClaims | null {
  const payload = verifyToken(PURPOSE, token);
  if (!payload) return null;
  const [dealershipId = "", leadId = "", ...rest] = payload.split("|");
  const email = rest.join("|");
  if (!UUID.test(dealershipId) || (leadId && !UUID.test(leadId)) || !email.includes("@")) return null;
  return { dealershipId, email, ...(leadId && { leadId }) };
}

/** The link in the e-mail's footer: a page that asks for one click (GET never unsubscribes; scanners prefetch links). */
export function buildUnsubscribeUrl(claims: UnsubscribeClaims): string {
  return new URL(`/avmeld/${createUnsubscribeToken(claims)}`, getEnv().APP_URL).toString();
}

/**
 * RFC 8058 one-click headers for an unsubscribe URL from buildUnsubscribeUrl. Mail clients POST
 * `List-Unsubscribe=One-Click` to the header's URL without showing a page, and a Next.js page cannot take a
 * plain POST, so the header names the page's API twin, /api/unsubscribe/<token>, which accepts it.
 */
export function buildUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  const url = new URL(unsubscribeUrl);
  const token = PAGE_PATH.exec(url.pathname)?.[1];
  if (!token) throw new Error(`buildUnsubscribeHeaders: not an unsubscribe page URL: ${unsubscribeUrl}`);
  const oneClickUrl = new URL(`/api/unsubscribe/${token}`, url.origin).toString();
  return {
    "List-Unsubscribe": `<${oneClickUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
