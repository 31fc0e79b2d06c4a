import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextFetchEvent, NextRequest } from "next/server";
import { ensureChromium } from "../../scripts/lib/chromium.ts";

// Issue 23, item 6, with Clerk signing people in: Clerk's middleware builds the page's Content-Security-Policy (its
// hosts added) with our directives merged in (proxy.ts). The header must let Clerk's scripts, frames (bot
// protection), images and API calls through, keep our own locks, and hand the nonce to Next's renderer.
// The last test loads the policy in Chromium. The frontend API host comes from the publishable key, as a real
// instance's does; here it is a loopback stand-in, so Chromium can load clerk-js from it.
let fapi: Server;
let FAPI_HOST = "";
const saved = { ...process.env };
let proxy: (req: NextRequest, event: NextFetchEvent) => Promise<Response | undefined | null>;
let NextRequestClass: typeof NextRequest;

beforeAll(async () => {
  fapi = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*" };
    if (req.url?.startsWith("/npm/@clerk/clerk-js")) {
      // Stands in for clerk-js: it calls the frontend API, as the real one does first.
      res.writeHead(200, { "content-type": "text/javascript", ...cors });
      res.end(`window.__clerkLoaded = true;
        fetch(document.currentScript.src.split("/npm/")[0] + "/v1/client").then((r) => r.json())
          .then((j) => { window.__clerkClient = j.object; });`);
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...cors });
    res.end('{"object":"client"}');
  });
  await new Promise<void>((done) => fapi.listen(0, "127.0.0.1", done));
  FAPI_HOST = `127.0.0.1:${(fapi.address() as AddressInfo).port}`;
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
afterAll(async () => {
  process.env = saved;
  await new Promise((done) => fapi?.close(done));
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

  it("runs Clerk's scripts, API calls, images and bot-protection frame in Chromium, and still blocks the rest", async () => {
    const res = await pageResponse("/sign-in");
    // The page's own scheme is http here: drop the upgrade, which would send the loopback calls to https.
    const policy = (res.headers.get("content-security-policy") ?? "").replace(
      /;\s*upgrade-insecure-requests\s*/,
      "",
    );
    const nonce = res.headers.get("x-nonce") ?? "";
    // A page under exactly that header doing what Clerk's client provider does: its (nonce-carrying) code adds
    // clerk-js from the frontend API with a script element, shows Clerk's images and embeds Turnstile's frame.
    const site = createServer((_req, out) => {
      out.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": policy });
      out.end(`<!doctype html><html lang="nb"><head><title>Logg inn</title></head><body>
        <img alt="" src="https://img.clerk.com/preview.png">
        <script nonce="${nonce}">
          window.__violations = [];
          document.addEventListener("securitypolicyviolation", (e) =>
            window.__violations.push(e.violatedDirective + " " + e.blockedURI));
          const s = document.createElement("script");
          s.src = "http://${FAPI_HOST}/npm/@clerk/clerk-js@5/dist/clerk.browser.js";
          document.head.appendChild(s);
          const turnstile = document.createElement("iframe");
          turnstile.src = "https://challenges.cloudflare.com/cdn-cgi/challenge-platform/turnstile";
          document.body.appendChild(turnstile);
          window.__addForeignFrame = () => {
            const f = document.createElement("iframe");
            f.src = "https://evil.example/frame";
            document.body.appendChild(f);
          };
        </script>
        <script>window.__injected = true;</script>
      </body></html>`);
    });
    await new Promise<void>((done) => site.listen(0, "127.0.0.1", done));
    const { chromium } = await import("@playwright/test");
    const browser = await chromium.launch({
      executablePath: ensureChromium(() => {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      const read = <T>(name: string) =>
        page.evaluate((key) => (window as unknown as Record<string, T>)[key], name);
      await expect.poll(() => read<string>("__clerkClient"), { timeout: 10_000 }).toBe("client");
      expect(await read<boolean>("__clerkLoaded")).toBe(true);
      // The inline script without the nonce did not run, and is the only thing refused.
      expect(await read<boolean>("__injected")).toBeUndefined();
      await expect.poll(() => read<string[]>("__violations")).toEqual(["script-src-elem inline"]);
      // The policy still bites: a frame from anywhere else is refused.
      await page.evaluate(() => (window as unknown as { __addForeignFrame: () => void }).__addForeignFrame());
      await expect
        .poll(() => read<string[]>("__violations"))
        .toContainEqual(expect.stringMatching(/^frame-src https:\/\/evil\.example/));
    } finally {
      await browser.close();
      await new Promise((done) => site.close(done));
    }
  }, 60_000);
});
