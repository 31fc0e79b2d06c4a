import { getEnv } from "../../env.ts";

/**
 * The client's address, or null when we cannot know it. X-Forwarded-For is written by the client first and by
 * each proxy after, so only the entry added by our own proxies can be trusted: with TRUST_PROXY=N (N proxies in
 * front of us) that is the Nth value from the right. Without TRUST_PROXY the header is ignored, because anyone
 * could send a fresh one with every request to dodge per-address rate limits.
 */
export function getClientIp(headers: Headers, trustedProxies = getEnv().TRUST_PROXY): string | null {
  if (!trustedProxies) return null;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const ip = hops[hops.length - trustedProxies];
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
