import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { withSystem, type Tenant } from "../db/tenant.ts";

export type FormDealership = {
  id: string;
  name: string;
  allowedOrigins: string[];
  thankYouUrl: string | null;
};

/**
 * How long a process trusts what it looked up. Every form post and preflight resolves its key; at hundreds a
 * second the lookup was a tenth of the request's database work (bench:ingest). A change made through this
 * process (rotation, origins) is seen at once; other web processes see it within this time.
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 5_000;
const cache = new Map<string, { dealership: FormDealership | null; expiresAt: number }>();

/** The public form key names the tenant before anything is known about the caller: a system lookup. */
export async function findDealershipByFormKey(formKey: string): Promise<FormDealership | null> {
  if (!/^[a-z0-9-]{6,64}$/.test(formKey)) return null;
  const now = Date.now();
  const hit = cache.get(formKey);
  if (hit && hit.expiresAt > now) return hit.dealership;
  const [row] = await withSystem((tx) =>
    tx
      .select({
        id: dealerships.id,
        name: dealerships.name,
        allowedOrigins: dealerships.formAllowedOrigins,
        thankYouUrl: dealerships.formThankYouUrl,
      })
      .from(dealerships)
      .where(eq(dealerships.formKey, formKey)),
  );
  // Unknown keys are remembered too (a bot hammering a dead key costs no query), in a bounded map.
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(formKey, { dealership: row ?? null, expiresAt: now + CACHE_TTL_MS });
  return row ?? null;
}

/** After a dealership's form settings or key change: this process forgets what it cached for it. */
export function forgetFormDealership(tenant: Tenant): void {
  for (const [key, entry] of cache) if (entry.dealership?.id === tenant.dealershipId) cache.delete(key);
}
