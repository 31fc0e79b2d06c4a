import { getEnv } from "../../env.ts";

/** How many hex characters of the logo's SHA-256 its public URL carries: a new logo gets a new URL. */
export const LOGO_HASH_PREFIX_LENGTH = 16;

/** The absolute public URL of a dealership's logo (e-mail clients load it, so APP_URL, never a relative path). */
export function buildLogoUrl(dealershipId: string, sha256: string): string {
  const file = `${sha256.slice(0, LOGO_HASH_PREFIX_LENGTH)}.png`;
  return new URL(`/api/public/logos/${dealershipId}/${file}`, getEnv().APP_URL).toString();
}
