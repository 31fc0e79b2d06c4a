import { BlockList, isIP } from "node:net";
import { getEnv } from "../../env.ts";

/** TRUST_PROXY as parsed by env.ts: a hop count, or the addresses / CIDR ranges of our own proxies. */
export type TrustProxy = number | readonly string[];

/**
 * The client's address, or null when we cannot know it. X-Forwarded-For is written by the client first and by
 * each proxy after, so only entries added by our own proxies can be trusted:
 *  - TRUST_PROXY=N (N proxies in front of us): the Nth value from the right;
 *  - TRUST_PROXY=<list of proxy addresses or CIDR ranges>: walking from the right, the first address that is not
 *    one of our proxies (a CDN then a load balancer, however many hops a request took).
 * Without TRUST_PROXY the header is ignored, because anyone could send a fresh one with every request to dodge
 * per-address rate limits. Either way the app must be reachable only through those proxies.
 */
export function getClientIp(headers: Headers, trust: TrustProxy = getEnv().TRUST_PROXY): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (typeof trust === "number") {
    if (!trust) return null;
    return valid(hops[hops.length - trust]);
  }
  if (trust.length === 0) return null;
  const proxies = blockListOf(trust);
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = valid(hops[i]);
    if (!ip) return null;
    if (!proxies.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4")) return ip;
  }
  return null;
}

function valid(ip: string | undefined): string | null {
  return ip && isIP(ip) ? ip : null;
}

const blockLists = new WeakMap<readonly string[], BlockList>();
function blockListOf(entries: readonly string[]): BlockList {
  let list = blockLists.get(entries);
  if (list) return list;
  list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (prefix) list.addSubnet(address!, Number(prefix), type);
    else list.addAddress(address!, type);
  }
  blockLists.set(entries, list);
  return list;
}
