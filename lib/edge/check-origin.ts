/**
 * CSRF guard for cookie-authenticated API mutations (issue 24, item 3). SameSite=Lax keeps other sites' cookies
 * out, but not a sibling subdomain's or another port's, and a "simple" cross-origin POST (text/plain, a plain
 * form) needs no preflight. So a POST/PUT/PATCH/DELETE carrying our session cookie must
 *  - come from our own origin: `Origin` is ours (APP_URL, or the host the request came to), or, when a browser
 *    sent no Origin, `Sec-Fetch-Site: same-origin`. Neither header: refused (every current browser sends one);
 *  - and carry its body as `application/json` (a cross-site form cannot), except the upload routes below, which
 *    take a file. A body-less mutation (DELETE, a bare POST) is judged by its origin alone.
 * API-key calls (Authorization: Bearer) and requests without our cookie carry no ambient authority: unaffected.
 */
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Cookie routes that take a file: the content types they accept besides JSON. */
const UPLOAD_TYPES: Record<string, readonly string[]> = {
  "/api/emails": ["multipart/form-data", "message/rfc822"],
  "/api/settings/logo": ["multipart/form-data"],
  "/api/vehicles/import": ["multipart/form-data", "text/csv"],
};

/** Token-authenticated routes a customer (who may also hold a staff cookie) posts to from a mail client. */
const NOT_COOKIE_AUTHENTICATED = ["/api/unsubscribe/"];

type CheckedRequest = { method: string; headers: Headers; url: string };
type Options = { appUrl: string; hasSessionCookie: boolean };

/** Why a cookie mutation is refused (403 cross-origin, 415 wrong body type), or null when it may proceed. */
export function refuseCookieMutation(
  req: CheckedRequest,
  options: Options,
): { status: 403 | 415; error: string; message: string } | null {
  if (!isCookieMutation(req, options)) return null;
  if (!isSameOrigin(req, options.appUrl))
    return { status: 403, error: "forbidden", message: "Cross-origin request refused" };
  if (!hasAcceptedBodyType(req))
    return {
      status: 415,
      error: "unsupported_media_type",
      message: "Send the body as application/json",
    };
  return null;
}

function isCookieMutation(req: CheckedRequest, options: Options): boolean {
  if (!MUTATIONS.has(req.method.toUpperCase()) || !options.hasSessionCookie) return false;
  if (/^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return false;
  const path = new URL(req.url).pathname;
  return !NOT_COOKIE_AUTHENTICATED.some((prefix) => path.startsWith(prefix));
}

function isSameOrigin(req: CheckedRequest, appUrl: string): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return req.headers.get("sec-fetch-site") === "same-origin";
  const allowed = new Set<string>();
  for (const url of [appUrl, req.url]) {
    try {
      allowed.add(new URL(url).origin);
    } catch {
      // ignore a malformed APP_URL here; env.ts reports it at start-up
    }
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  if (host) allowed.add(`${proto}://${host}`);
  return allowed.has(origin);
}

function hasAcceptedBodyType(req: CheckedRequest): boolean {
  const length = req.headers.get("content-length");
  const hasBody = (length !== null && length !== "0") || req.headers.has("transfer-encoding");
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!hasBody && !type) return true;
  if (type === "application/json" || type.endsWith("+json")) return true;
  return (UPLOAD_TYPES[new URL(req.url).pathname] ?? []).includes(type);
}
