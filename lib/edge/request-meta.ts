import { headers } from "next/headers";
import type { RequestMeta } from "../auth/sessions.ts";
import { getClientIp } from "./client-ip.ts";

/** Client address (see getClientIp) and agent for rate limits and the audit log. */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: getClientIp(h), userAgent: h.get("user-agent") };
}

const BASE = "http://norvalt.invalid";

/**
 * Only same-site paths: `?next=` must not become an open redirect. Parsed the way a browser would (which
 * drops tabs and newlines, so `/<tab>/evil.example` means `//evil.example`) and kept only if it stays on our origin.
 */
export function safeNextPath(value: unknown, fallback = "/leads"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  try {
    const url = new URL(value, BASE);
    if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
