import { timingSafeEqual } from "node:crypto";
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { withSystem, type Tenant } from "../db/tenant.ts";
import { readLeadReplyAddress } from "../email/lead-reply-address.ts";
import { inboundLocalPartsOf } from "./inbound-address.ts";

/** After a rotation the old address keeps working this long, so forwarding rules can be updated. */
export const PREVIOUS_ADDRESS_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** The previous inbound local part while it still works (within the grace period after a rotation), else null. */
export function findActivePreviousLocalPart(dealership: {
  inboundEmailPreviousLocalPart: string | null;
  inboundEmailRotatedAt: Date | null;
}): string | null {
  const rotatedAt = dealership.inboundEmailRotatedAt?.getTime();
  return rotatedAt && Date.now() - rotatedAt < PREVIOUS_ADDRESS_GRACE_MS
    ? dealership.inboundEmailPreviousLocalPart
    : null;
}

/** Whose webhook URL was called: the installation's (route by recipient) or one dealership's own. */
export type InboundWebhookScope = { kind: "installation" } | { kind: "dealership"; dealershipId: string };

/**
 * The scope of `/api/webhooks/email/inbound/<secret>`, or null for a wrong secret (404). Cross-tenant by nature:
 * the secret is what tells whose mail this is.
 */
export async function findInboundWebhookScope(secret: string): Promise<InboundWebhookScope | null> {
  const installation = getEnv().INBOUND_EMAIL_WEBHOOK_SECRET;
  if (installation && safeEquals(secret, installation)) return { kind: "installation" };
  if (!/^[0-9a-f]{64}$/.test(secret)) return null;
  const now = Date.now();
  const hit = scopeCache.get(secret);
  if (hit && hit.expiresAt > now) return hit.scope;
  const [row] = await withSystem((tx) =>
    tx
      .select({ id: dealerships.id, enabled: dealerships.emailIntegrationEnabled })
      .from(dealerships)
      .where(eq(dealerships.inboundEmailSecret, secret)),
  );
  const scope: InboundWebhookScope | null = row?.enabled
    ? { kind: "dealership", dealershipId: row.id }
    : null;
  if (scopeCache.size >= CACHE_MAX_ENTRIES) scopeCache.delete(scopeCache.keys().next().value!);
  scopeCache.set(secret, { scope, expiresAt: now + CACHE_TTL_MS });
  return scope;
}

/**
 * As for form keys (find-dealership-by-form-key.ts): each request resolves its secret, so a process trusts a
 * lookup for 10 s. A rotation through this process is seen at once; other web processes see it within 10 s.
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 5_000;
const scopeCache = new Map<string, { scope: InboundWebhookScope | null; expiresAt: number }>();

/** After a dealership's inbound secret changes: this process forgets its cached lookups for that dealership. */
export function forgetInboundScope(tenant: Tenant): void {
  for (const [secret, entry] of scopeCache) {
    if (entry.scope?.kind === "dealership" && entry.scope.dealershipId === tenant.dealershipId)
      scopeCache.delete(secret);
  }
}

/**
 * The dealership a mail to our inbound domain belongs to: a reply+<token> address names a lead (its MAC makes it
 * trustworthy), a `{slug}-{random}` address a dealership (its previous address too, for a week after a rotation).
 * Null when no recipient is ours.
 */
export async function findDealershipForRecipients(recipients: string[]): Promise<string | null> {
  const replyLeadIds = recipients.map(readLeadReplyAddress).filter((id): id is string => id !== null);
  const localParts = inboundLocalPartsOf(recipients).filter((part) => !part.startsWith("reply+"));
  if (!replyLeadIds.length && !localParts.length) return null;
  return withSystem(async (tx) => {
    if (replyLeadIds.length) {
      const [lead] = await tx
        .select({ dealershipId: leads.dealershipId })
        .from(leads)
        .where(inArray(leads.id, replyLeadIds))
        .limit(1);
      if (lead) return lead.dealershipId;
    }
    if (!localParts.length) return null;
    const graceStart = new Date(Date.now() - PREVIOUS_ADDRESS_GRACE_MS);
    const rows = await tx
      .select({
        id: dealerships.id,
        localPart: dealerships.inboundEmailLocalPart,
        enabled: dealerships.emailIntegrationEnabled,
      })
      .from(dealerships)
      .where(
        or(
          inArray(dealerships.inboundEmailLocalPart, localParts),
          and(
            inArray(dealerships.inboundEmailPreviousLocalPart, localParts),
            gt(dealerships.inboundEmailRotatedAt, graceStart),
          ),
        ),
      );
    // The current address wins over somebody's previous one.
    const current = rows.find((r) => localParts.includes(r.localPart)) ?? rows[0];
    return current?.enabled ? current.id : null;
  });
}

function safeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
