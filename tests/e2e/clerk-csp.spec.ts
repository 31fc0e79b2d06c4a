import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

// Issue 23, item 6, with Clerk signing people in: the policy Clerk's middleware builds in proxy.ts, loaded in
// Chromium. A page served under that exact header does what Clerk's client does — its own (nonce-carrying) script
// adds clerk-js from the instance's frontend API, which calls that API, shows Clerk's images and embeds the
// bot-protection frame — and Chromium must report no violation for any of it, while a script without the nonce
// and a frame from elsewhere are still blocked. The frontend API is a loopback stand-in whose host is in the
// publishable key, as a real instance's is.

let fapi: Server;
let site: Server;
let fapiHost = "";
let pageUrl = "";
let policy = "";
let nonce = "";

const listen = (server: Server) =>
  new Promise<string>((done) =>
    server.listen(0, "127.0.0.1", () => done(`127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

test.beforeAll(async () => {
  // The frontend API: clerk-js, and the client endpoint it calls first.
  fapi = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-credentials": "true" };
    if (req.url?.startsWith("/npm/@clerk/clerk-js")) {
      res.writeHead(200, { "content-type": "text/javascript", ...cors });
      res.end(`window.__clerkLoaded = true;
        fetch(document.currentScript.src.split("/npm/")[0] + "/v1/client").then(r => r.json())
          .then(j => { window.__clerkClient = j.object; });`);
      return;
    }
    res.writeHead(200, { "content-type": "application/json", ...cors });
    res.end('{"object":"client"}');
  });
  fapiHost = await listen(fapi);

  const { publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const saved = { ...process.env };
  try {
    process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${fapiHost}$`).toString("base64")}`;
    process.env.CLERK_SECRET_KEY = `sk_live_${"x".repeat(40)}`;
    process.env.CLERK_JWT_KEY = publicKey;
    process.env.APP_URL = "http://127.0.0.1";
    const { NextRequest } = await import("next/server");
    const proxy = (await import("../../proxy.ts")).default;
    const res = await proxy(
      new NextRequest("http://127.0.0.1/sign-in", {
        headers: { accept: "text/html", cookie: "__client_uat=0" },
      }),
      { waitUntil() {} } as never,
    );
    policy = res?.headers.get("content-security-policy") ?? "";
    nonce = res?.headers.get("x-nonce") ?? "";
  } finally {
    process.env = saved;
  }
  expect(policy).toContain(fapiHost);
  expect(nonce).toBeTruthy();

  site = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": policy });
    res.end(`<!doctype html><html lang="nb"><head><title>Clerk CSP</title></head><body>
      <h1>Logg inn</h1>
      <img id="avatar" alt="" src="https://img.clerk.com/preview.png">
      <script nonce="${nonce}">
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          window.__violations.push(e.violatedDirective + " " + e.blockedURI));
        // What Clerk's client provider does: add clerk-js from the frontend API with a script element.
        const s = document.createElement("script");
        s.src = "http://${fapiHost}/npm/@clerk/clerk-js@5/dist/clerk.browser.js";
        document.head.appendChild(s);
        // Bot protection (Cloudflare Turnstile) is a frame.
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
  pageUrl = `http://${await listen(site)}/`;
});

test.afterAll(async () => {
  await new Promise((done) => fapi?.close(done));
  await new Promise((done) => site?.close(done));
});

test("Clerk's scripts, API calls, images and bot-protection frame run under the policy", async ({ page }) => {
  const console: string[] = [];
  page.on("console", (m) => console.push(m.text()));
  await page.goto(pageUrl);
  await expect
    .poll(() => page.evaluate(() => (window as { __clerkClient?: string }).__clerkClient))
    .toBe("client");
  expect(await page.evaluate(() => (window as { __clerkLoaded?: boolean }).__clerkLoaded)).toBe(true);
  // The script without the nonce did not run.
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  const violations = () => page.evaluate(() => (window as { __violations?: string[] }).__violations ?? []);
  // Only the un-nonced inline script was refused: clerk-js, its API call, the image and the frame were allowed.
  await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem inline$/)]);

  // The policy still bites: a frame from anywhere else is refused.
  await page.evaluate(() => (window as { __addForeignFrame?: () => void }).__addForeignFrame?.());
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^frame-src https:\/\/evil\.example/));
  expect(
    console.filter(
      (line) => /clerk|challenges\.cloudflare|img\.clerk/.test(line) && /Content Security Policy/i.test(line),
    ),
  ).toEqual([]);
});
