// Proxy (Next 16's middleware): an optimistic sign-in gate and sliding session cookie. The real check is
// getSession() in each page and action; this only saves a render for visitors without a session.
import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { SESSION_COOKIE, sessionCookieOptions } from "./lib/auth/session-cookie";
import { refuseCookieMutation } from "./lib/edge/check-origin";
import {
  baseDirectives,
  contentSecurityPolicy,
  createNonce,
  NONCE_HEADER,
} from "./lib/edge/content-security-policy";
import { readRequestId, REQUEST_ID_HEADER } from "./lib/edge/request-id";

/** Declared-size limits answered here, before Next buffers the body for the route (multipart overhead included). */
const UPLOAD_LIMITS: Record<string, number> = { "/api/settings/logo": 2 * 1024 * 1024 + 64 * 1024 };

// Pages reachable without a session. API routes authenticate themselves (session, API key or webhook signature).
const PUBLIC_PAGES = [
  "/sign-in",
  "/sign-up",
  "/forgot-password",
  "/reset-password",
  "/invite",
  "/verify-email",
  "/select-organization",
  "/takk",
  // Unsubscribe links in e-mails to customers, who have no account; its POST is /api/unsubscribe/<token>.
  "/avmeld",
  // The privacy notice and data-processing overview (GDPR), linked from every e-mail.
  "/personvern",
  "/webhooks",
];
const isPublic = (path: string) =>
  path.startsWith("/api/") || PUBLIC_PAGES.some((page) => path === page || path.startsWith(`${page}/`));

const clerkEnabled = Boolean(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && process.env.CLERK_SECRET_KEY);
const clerkHandler = clerkEnabled
  ? clerkMiddleware(
      async (auth, req) => {
        if (!isPublic(req.nextUrl.pathname)) await auth.protect();
      },
      {
        // Networkless verification when the PEM key is given (@clerk/nextjs does not read CLERK_JWT_KEY itself).
        jwtKey: process.env.CLERK_JWT_KEY,
        authorizedParties: process.env.CLERK_AUTHORIZED_PARTIES?.split(",").map((s) => s.trim()),
        signInUrl: "/sign-in",
        signUpUrl: "/sign-up",
        // Clerk builds the nonce policy then (its own hosts added), with our directives merged in
        // (tests/integration/clerk-csp.test.ts: the header, and the policy in Chromium).
        contentSecurityPolicy: {
          strict: true,
          directives: {
            ...baseDirectives(),
            ...((process.env.APP_URL ?? "").startsWith("https:") && { "upgrade-insecure-requests": [] }),
          },
        },
      },
    )
  : null;

export default async function proxy(req: NextRequest, event: NextFetchEvent) {
  const requestId = readRequestId(req.headers);
  const early = refuseEarly(req, requestId);
  if (early) return early;
  if (clerkHandler) {
    const res = await clerkHandler(req, event);
    res?.headers.set(REQUEST_ID_HEADER, requestId);
    return res;
  }
  const token = req.cookies.get(SESSION_COOKIE)?.value;
  const path = req.nextUrl.pathname;
  if (!token && !isPublic(path)) {
    const signIn = new URL("/sign-in", req.url);
    if (path !== "/") signIn.searchParams.set("next", path + req.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  // The request id travels to the route (logs) in the request headers and back to the caller in the response.
  const headers = new Headers(req.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  // Pages: Next reads the nonce from the request's CSP header and puts it on its scripts.
  const csp = path.startsWith("/api/") ? null : pageCsp();
  if (csp) {
    headers.set("content-security-policy", csp.policy);
    headers.set(NONCE_HEADER, csp.nonce);
  }
  const res = NextResponse.next({ request: { headers } });
  res.headers.set(REQUEST_ID_HEADER, requestId);
  if (csp) res.headers.set("content-security-policy", csp.policy);
  // Sliding expiry for the browser; the database extends its own expiry in findSessionByToken.
  if (token && !path.startsWith("/api/")) res.cookies.set(SESSION_COOKIE, token, sessionCookieOptions());
  return res;
}

function pageCsp() {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: (process.env.APP_URL ?? "").startsWith("https:"),
  });
  return { nonce, policy };
}

/** A cross-site cookie mutation (403), a cookie mutation whose body is not JSON (415) or a declared body over a route's limit (413), answered before any work. */
function refuseEarly(req: NextRequest, requestId: string): NextResponse | null {
  const path = req.nextUrl.pathname;
  if (!isDecodablePath(path)) {
    // `/api/unsubscribe/%ff`: Next cannot decode the route parameter and answers a bare 500 (test:inputs).
    return NextResponse.json(
      { error: "bad_request", message: "Malformed percent-encoding in the path" },
      { status: 400, headers: { [REQUEST_ID_HEADER]: requestId } },
    );
  }
  if (path.startsWith("/api/")) {
    const hasSessionCookie = req.cookies.has(SESSION_COOKIE) || req.cookies.has("__session");
    const refused = refuseCookieMutation(req, { appUrl: process.env.APP_URL ?? req.url, hasSessionCookie });
    if (refused) {
      return NextResponse.json(
        { error: refused.error, message: refused.message },
        { status: refused.status, headers: { [REQUEST_ID_HEADER]: requestId } },
      );
    }
  }
  const limit = UPLOAD_LIMITS[path];
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (limit && declared > limit) {
    return NextResponse.json(
      { error: "payload_too_large", message: "The upload is too large" },
      { status: 413, headers: { [REQUEST_ID_HEADER]: requestId, connection: "close" } },
    );
  }
  return null;
}

function isDecodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

// Webhooks (/api/webhooks/…, and the PRD's /webhooks/form/… rewrite) verify their own key or signature and never
// read a session: running the proxy for them only cost CPU on the hottest path (bench:ingest).
export const config = {
  matcher: [
    "/((?!_next|api/webhooks/|webhooks/|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/api/((?!webhooks/).*)",
    // …except a webhook path with %-escapes, which may be malformed (`/api/webhooks/form/%ff`): Next would answer
    // a bare 500 while decoding the route parameter; the proxy answers 400.
    "/(api/)?webhooks/(.*%.*)",
  ],
};
