import { headers } from "next/headers";
import type { RequestMeta } from "../auth/sessions.ts";

/** Client address and agent for rate limits and the audit log. Trusts the first X-Forwarded-For hop (set by our proxy). */
export async function getRequestMeta(): Promise<RequestMeta> {
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
  return { ip, userAgent: h.get("user-agent") };
}

/** Only same-site relative paths: `?next=` must not become an open redirect. */
export function safeNextPath(value: unknown, fallback = "/leads"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  )
    return fallback;
  return value;
}
