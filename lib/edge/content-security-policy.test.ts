import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./content-security-policy.ts";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((part) => part.startsWith(`${name} `) || part === name)
    ?.split(" ")
    .slice(1);

describe("contentSecurityPolicy", () => {
  it("locks scripts to the request's nonce (and what they load), with eval only in development", () => {
    const nonce = createNonce();
    const prod = contentSecurityPolicy(nonce, { dev: false, https: true });
    expect(directive(prod, "script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(prod).not.toContain("unsafe-eval");
    expect(directive(prod, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(contentSecurityPolicy(nonce, { dev: true, https: false }), "script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("blocks plugins, framing and foreign bases; upgrades only over HTTPS", () => {
    const policy = contentSecurityPolicy("abc", { dev: false, https: true });
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "base-uri")).toEqual(["'self'"]);
    expect(directive(policy, "form-action")).toEqual(["'self'"]);
    expect(policy).toContain("upgrade-insecure-requests");
    // Plain-HTTP installs (prod:smoke on loopback) must not have their own assets upgraded to https.
    expect(contentSecurityPolicy("abc", { dev: false, https: false })).not.toContain(
      "upgrade-insecure-requests",
    );
  });

  it("makes a fresh, unguessable nonce per call", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
