import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextFetchEvent, NextRequest } from "next/server";

// Issue 23, item 6, with Clerk signing people in: Clerk's middleware builds the page's Content-Security-Policy (its
// hosts added) with our directives merged in (proxy.ts). The header must let Clerk's scripts, frames (bot
// protection), images and API calls through, keep our own locks, and hand the nonce to Next's renderer.
// tests/e2e/clerk-csp.spec.ts loads the same policy in Chromium.
const FAPI_HOST = "clerk.norvalt.test";
const saved = { ...process.env };
let proxy: (req: NextRequest, event: NextFetchEvent) => Promise<Response | undefined | null>;
let NextRequestClass: typeof NextRequest;

beforeAll(async () => {
  const { publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  // A production instance (pk_live_): its frontend API host is in the key; no handshake, no network.
  process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${FAPI_HOST}$`).toString("base64")}`;
  process.env.CLERK_SECRET_KEY = `sk_live_${"x".repeat(40)}`;
  process.env.CLERK_JWT_KEY = publicKey;
  process.env.APP_URL = "https://app.norvalt.test";
  // Clerk reads NODE_ENV when it loads (development adds 'unsafe-eval'): load it as production runs it.
  (process.env as Record<string, string>).NODE_ENV = "production";
  ({ NextRequest: NextRequestClass } = await import("next/server"));
  proxy = (await import("../../proxy.ts")).default as typeof proxy;
});
afterAll(() => {
  process.env = saved;
});

const event = { waitUntil() {} } as unknown as NextFetchEvent;
async function pageResponse(path: string) {
  const req = new NextRequestClass(`https://app.norvalt.test${path}`, {
    headers: { accept: "text/html", cookie: "__client_uat=0" },
  });
  const res = await proxy(req, event);
  if (!res) throw new Error("no response from the proxy");
  return res;
}
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("Content-Security-Policy with Clerk", () => {
  it("lets Clerk's scripts, bot-protection frames, images and API calls through", async () => {
    const res = await pageResponse("/sign-in");
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get("content-security-policy") ?? "");
    const script = csp.get("script-src") ?? [];
    // clerk-js is added by Clerk's (nonce-carrying) client code: 'strict-dynamic' passes the trust on.
    expect(script).toContain("'strict-dynamic'");
    expect(script.some((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v))).toBe(true);
    expect(script).not.toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toEqual(
      expect.arrayContaining(["'self'", FAPI_HOST, "https://img.clerk.com"]),
    );
    expect(csp.get("frame-src")).toEqual(
      expect.arrayContaining(["'self'", "https://challenges.cloudflare.com"]),
    );
    expect(csp.get("img-src")).toEqual(
      expect.arrayContaining(["'self'", "https://img.clerk.com", "data:", "blob:"]),
    );
    expect(csp.get("worker-src")).toEqual(expect.arrayContaining(["'self'", "blob:"]));
    expect(csp.get("style-src")).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
  });

  it("keeps our own locks merged in", async () => {
    const csp = directives((await pageResponse("/sign-in")).headers.get("content-security-policy") ?? "");
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("manifest-src")).toEqual(["'self'"]);
    // Served over HTTPS (APP_URL): stray http: subresources are upgraded, as without Clerk.
    expect(csp.has("upgrade-insecure-requests")).toBe(true);
  });

  it("hands the same fresh nonce to Next's renderer, on every page view, and keeps the request id", async () => {
    const first = await pageResponse("/sign-in");
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    // Next reads the request's CSP header (and Clerk's scripts the x-nonce one) while it renders.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-request-id")).toBeTruthy();
    const second = await pageResponse("/sign-in");
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  it("sends a signed-out visitor of a dashboard page to sign-in, under the same policy", async () => {
    const res = await pageResponse("/leads");
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location")!).pathname).toBe("/sign-in");
    expect(res.headers.get("content-security-policy")).toContain("'strict-dynamic'");
  });
});
