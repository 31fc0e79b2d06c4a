import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { AppError } from "../../errors.ts";

const MAX_REDIRECTS = 3;

// Addresses a dealer's feed URL may not reach: the server's own network (loopback, private, link-local — cloud
// metadata at 169.254.169.254 —, carrier-grade NAT, unspecified). An admin of one dealership must not be able to
// make our server read internal services. NORVALT_FEED_ALLOWED_PRIVATE_HOSTS (comma-separated) lets named hosts
// through, e.g. a DMS on the same private network, or the tests' feed server on 127.0.0.1.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

function isPrivateAddress(address: string): boolean {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4mapped) return PRIVATE.check(v4mapped, "ipv4");
  return PRIVATE.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Refuses a URL whose host is, or resolves to, an address on the server's own network. */
async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const allowed = (process.env.NORVALT_FEED_ALLOWED_PRIVATE_HOSTS ?? "").split(",").map((h) => h.trim());
  if (allowed.includes(host)) return;
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new AppError("bad_request", "Fant ikke feedens server");
  if (addresses.some(isPrivateAddress))
    throw new AppError("bad_request", "Feeden må ligge på en offentlig adresse");
}

/** The port for reading a dealer's inventory feed: one GET with a timeout and a size cap. */
export type FetchedFeed = { bytes: Uint8Array; contentType: string | null };

/**
 * GETs a feed URL (http or https only). Refuses bodies above `maxBytes` while streaming, so a huge or endless
 * response cannot fill memory, and gives up after `timeoutMs`.
 */
export async function fetchFeed(
  url: string,
  { maxBytes = 20 * 1024 * 1024, timeoutMs = 30_000 }: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<FetchedFeed> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new AppError("bad_request", "Feeden må være en http(s)-lenke");
  const signal = AbortSignal.timeout(timeoutMs);
  // Redirects are followed by hand, so every hop's host is checked like the first.
  let target = parsed;
  let res: Response;
  for (let hop = 0; ; hop++) {
    await assertPublicHost(target);
    res = await fetch(target, {
      signal,
      redirect: "manual",
      headers: {
        accept: "text/csv, application/json, application/xml, text/xml, */*;q=0.5",
        "user-agent": "Norvalt-feed/1",
      },
    });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) break;
    if (hop >= MAX_REDIRECTS) throw new AppError("bad_request", "Feeden videresender for mange ganger");
    target = new URL(location, target);
    if (target.protocol !== "http:" && target.protocol !== "https:")
      throw new AppError("bad_request", "Feeden må være en http(s)-lenke");
  }
  if (!res.ok) throw new AppError("bad_request", `Feeden svarte ${res.status} ${res.statusText}`.trim());
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("payload_too_large", "Feeden er større enn 20 MB");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", "Feeden er større enn 20 MB");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, contentType: res.headers.get("content-type") };
}
