/**
 * CSRF guard for cookie-authenticated API mutations: a browser sends Origin with every cross-origin POST, so a
 * mutation carrying our session cookie but an Origin other than ours (APP_URL, or the host the request came to)
 * is refused. API-key calls (Authorization: Bearer) and requests without a cookie carry no ambient authority.
 */
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isCrossOriginMutation(
  req: { method: string; headers: Headers; url: string },
  options: { appUrl: string; hasSessionCookie: boolean },
): boolean {
  if (!MUTATIONS.has(req.method.toUpperCase()) || !options.hasSessionCookie) return false;
  if (/^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return false;
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") === "cross-site";
  const allowed = new Set<string>();
  for (const url of [options.appUrl, req.url]) {
    try {
      allowed.add(new URL(url).origin);
    } catch {
      // ignore a malformed APP_URL here; env.ts reports it at start-up
    }
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  if (host) allowed.add(`${proto}://${host}`);
  return !allowed.has(origin);
}
