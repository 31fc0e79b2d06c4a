// The Dockerfile's lint (hadolint is neither a Debian nor an npm package, so dockerfile-utils — the linter of the
// Docker language server — checks the syntax and instructions) plus the house rules the image must keep.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");

describe("Dockerfile", () => {
  it("has no lint findings", () => {
    const findings = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(findings).toEqual([]);
  });

  it("the linter does catch a broken Dockerfile", () => {
    expect(validate("FROM node:24\nMAINTAINER x\nCMD a\nCMD b\nEXPOSE\n").length).toBeGreaterThan(0);
  });

  it("builds on Node 24 slim, runs as a non-root user with production dependencies and a healthcheck", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health\/live/m);
    expect(dockerfile).toMatch(/NEXT_MANUAL_SIG_HANDLE=true/);
    // The last stage's command is the standalone server.
    expect(dockerfile.trim().split("\n").at(-1)).toBe('CMD ["node", "server.js"]');
  });

  it("the build context leaves out secrets, dependencies and build output", () => {
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    for (const entry of [".env", "node_modules", ".next", ".git", ".data"]) expect(ignored).toContain(entry);
  });
});
