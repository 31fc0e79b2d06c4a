// The Content-Security-Policy of every page (issue 23): Next's own scripts carry a per-request nonce, read by Next
// from the request's CSP header while it renders (every page is rendered per request: the root layout reads the
// locale cookie). Edge-safe: the proxy builds it before any page runs.

export const NONCE_HEADER = "x-nonce";

/** 16 random bytes, base64: unguessable and fresh for every page view. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

type PolicyOptions = {
  /** `next dev`: React rebuilds server error stacks in the browser with eval. */
  dev: boolean;
  /** Served over HTTPS (APP_URL): ask the browser to upgrade any stray http: subresource. */
  https: boolean;
};

/**
 * The directives besides `script-src`, shared with Clerk's generated policy when Clerk signs people in.
 * - Scripts: only those carrying the nonce, and what they load ('strict-dynamic'); host lists are ignored then.
 * - Styles: 'self' plus inline: React, Radix and Recharts write `style` attributes into the server HTML, which a
 *   nonce cannot cover (a nonce would also switch 'unsafe-inline' off). Injected CSS cannot run code.
 * - Images from the app itself (logos are served by the app), data: and blob: (previews); the service worker and
 *   the live stream (EventSource) from the app; no plugins, no framing of our pages, no <base> tricks, forms post
 *   only to the app. The e-mail preview iframe (srcdoc, sandboxed) inherits this and adds its own stricter policy.
 */
export function baseDirectives(): Record<string, string[]> {
  return {
    "default-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
}

/** The policy of a page view whose scripts carry `nonce`. */
export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    ...baseDirectives(),
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
    ],
  };
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (options.https) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}
