import { selectDealership } from "../dealerships/get-dealership.ts";
import { withTenant } from "../db/tenant.ts";
import { isSuppressed } from "./is-suppressed.ts";
import { suppressAddressInTx } from "./suppress-address.ts";
import { readUnsubscribeToken } from "./unsubscribe-token.ts";

export type UnsubscribeState = { dealershipName: string; maskedEmail: string; unsubscribed: boolean };

// The token names its dealership and carries our signature, so it is the tenant check: withTenant on its id is
// as safe as on a session's, and an altered token never gets this far.

/** What /avmeld/:token shows; null for a forged or broken link, or a dealership that no longer exists. Reads only. */
export async function getUnsubscribeState(token: string): Promise<UnsubscribeState | null> {
  const claims = readUnsubscribeToken(token);
  if (!claims) return null;
  return withTenant(claims.dealershipId, async (tx) => {
    const dealership = await selectDealership(tx);
    if (!dealership) return null;
    const suppressed = await isSuppressed(tx, { email: claims.email });
    return {
      dealershipName: dealership.name,
      maskedEmail: maskEmail(claims.email),
      unsubscribed: suppressed.email,
    };
  });
}

/** Suppresses the token's address for its dealership (e-mail, and SMS to that person's numbers). Idempotent. */
export async function unsubscribeByToken(
  token: string,
  meta: { ip?: string | null } = {},
): Promise<{ dealershipId: string; created: boolean } | null> {
  const claims = readUnsubscribeToken(token);
  if (!claims) return null;
  return withTenant(claims.dealershipId, async (tx) => {
    if (!(await selectDealership(tx))) return null;
    const { created } = await suppressAddressInTx(
      tx,
      { channel: "email", address: claims.email, reason: "unsubscribe", leadId: claims.leadId },
      { actorType: "customer", ip: meta.ip },
    );
    return { dealershipId: claims.dealershipId, created };
  });
}

/** `k•••@example.no`: enough for people to recognise their address, little for whoever sees the screen. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}
