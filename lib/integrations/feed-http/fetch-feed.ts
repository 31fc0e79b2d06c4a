import { AppError } from "../../errors.ts";

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
  const res = await fetch(parsed, {
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "follow",
    headers: {
      accept: "text/csv, application/json, application/xml, text/xml, */*;q=0.5",
      "user-agent": "Norvalt-feed/1",
    },
  });
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
