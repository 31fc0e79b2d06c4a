import { eq } from "drizzle-orm";
import { dealershipLogos } from "../../db/schema/dealerships.ts";
import { isUuid, withSystem } from "../db/tenant.ts";
import { LOGO_HASH_PREFIX_LENGTH } from "./logo-url.ts";

/**
 * The logo behind a public URL `/api/public/logos/<dealershipId>/<hash prefix>.png`, for e-mail clients that load
 * it without any session: a cross-tenant lookup by id, so a system transaction. Null for an unknown id, a removed
 * logo, or a hash that is not the current logo's (an old URL): the caller answers 404.
 */
export async function findPublicLogo(dealershipId: string, hashPrefix: string) {
  if (!isUuid(dealershipId) || !new RegExp(`^[0-9a-f]{${LOGO_HASH_PREFIX_LENGTH}}$`).test(hashPrefix))
    return null;
  const [logo] = await withSystem((tx) =>
    tx
      .select({
        content: dealershipLogos.content,
        contentType: dealershipLogos.contentType,
        sha256: dealershipLogos.sha256,
      })
      .from(dealershipLogos)
      .where(eq(dealershipLogos.dealershipId, dealershipId)),
  );
  return logo && logo.sha256.startsWith(hashPrefix) ? logo : null;
}
