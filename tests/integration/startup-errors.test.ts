import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Operators meet these at the command line: each must end with one clear line and a non-zero exit, not a stack trace.
const ROOT = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "norvalt-startup-"));
chmodSync(scratch, 0o755); // as root, Postgres runs as "postgres", which must be able to enter it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runScript(
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((ok) => {
    const cleanEnv = {
      ...process.env,
      DATABASE_URL: undefined,
      MIGRATION_DATABASE_URL: undefined,
      NORVALT_DATA_DIR: scratch,
      ...env,
    };
    const child = spawn(process.execPath, [join(ROOT, script)], {
      env: cleanEnv as NodeJS.ProcessEnv,
      cwd: scratch,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => ok({ code, output }));
  });
}

describe("start-up errors", () => {
  it("names an invalid environment variable", async () => {
    const { code, output } = await runScript("scripts/db-migrate.ts", {
      NORVALT_PG_PORT: "not-a-port",
      APP_URL: "nope",
    });
    expect(code).toBe(1);
    expect(output).toContain("NORVALT_PG_PORT");
    expect(output).toContain("APP_URL");
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says which port is taken", async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((ok) =>
      server.listen(0, "127.0.0.1", () => ok((server.address() as { port: number }).port)),
    );
    try {
      const { code, output } = await runScript("scripts/db-migrate.ts", { NORVALT_PG_PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} is already in use`);
    } finally {
      server.close();
    }
  }, 60_000);

  it("explains an unreachable database", async () => {
    const { code, output } = await runScript("scripts/db-migrate.ts", {
      DATABASE_URL: "postgres://norvalt_app:x@127.0.0.1:1/norvalt",
    });
    expect(code).toBe(1);
    expect(output).toContain("Cannot reach the database at 127.0.0.1:1");
  });
});
