// The import boundaries of eslint.config.mjs still bite: each forbidden arrow of the architecture is linted as a
// one-line file in the place it would live, and must be reported; the allowed arrows must not be. `npm run lint`
// applies the same rules (and the import-cycle check) to the whole tree (CI), so this test only guards the checks
// themselves against an edit or an upgrade that silently turns them off.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { findImportCycles, SOURCE_GLOBS } from "../../scripts/lib/find-import-cycles.ts";

const root = process.cwd();
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return result!.messages
    .filter((m) => m.ruleId === "import/no-restricted-paths")
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe("import boundaries (eslint.config.mjs)", () => {
  it.each([
    ["a port reading the database", "lib/integrations/mailer/probe.ts", `import "../../db/client.ts";`],
    ["a port writing the schema", "lib/integrations/sms/probe.ts", `import "../../../db/schema/leads.ts";`],
    ["a port calling the domain", "lib/integrations/llm/probe.ts", `import "../../leads/ingest-lead.ts";`],
    ["a port using the edge", "lib/integrations/mailer/probe.ts", `import "../../edge/responses.ts";`],
    ["domain code using the edge", "lib/leads/probe.ts", `import "../edge/responses.ts";`],
    ["lib importing jobs/", "lib/leads/probe.ts", `import "../../jobs/registry.ts";`],
    ["a component reading the database", "components/leads/probe.tsx", `import "@/lib/db/client";`],
    ["a component importing a table", "components/leads/probe.tsx", `import "@/db/schema/leads";`],
    ["a page opening a tenant transaction", "app/(dashboard)/leads/probe.tsx", `import "@/lib/db/tenant";`],
  ])("reports %s", async (_name, filePath, code) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/^import\/no-restricted-paths: /);
  });

  it.each([
    [
      "a port using its SDK and env",
      "lib/integrations/mailer/probe.ts",
      `import "resend"; import "../../../env.ts";`,
    ],
    ["a port using AppError", "lib/integrations/llm/probe.ts", `import "../../errors.ts";`],
    [
      "domain code using the database and a port",
      "lib/leads/probe.ts",
      `import "../db/tenant.ts"; import "../integrations/mailer/mailer.ts";`,
    ],
    [
      "a route using the edge and the domain",
      "app/api/probe/route.ts",
      `import "@/lib/edge/responses"; import "@/lib/leads/ingest-lead";`,
    ],
    [
      "the edge using its own helpers and the domain",
      "lib/edge/probe.ts",
      `import "./responses.ts"; import "../leads/ingest-lead.ts";`,
    ],
    [
      "a component reading the closed value sets",
      "components/leads/probe.tsx",
      `import "@/db/schema/enums";`,
    ],
  ])("allows %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  const cycleDir = mkdtempSync(join(root, "lib", "cycle-probe-"));
  afterAll(() => rmSync(cycleDir, { recursive: true, force: true }));

  it("reports an import cycle, also through the @/ alias, and ignores a type-only one", async () => {
    const probe = relative(root, cycleDir);
    writeFileSync(join(cycleDir, "a.ts"), `import { b } from "@/${probe}/b";\nexport const a = () => b;\n`);
    writeFileSync(join(cycleDir, "b.ts"), `import { a } from "./a.ts";\nexport const b = () => a;\n`);
    writeFileSync(join(cycleDir, "c.ts"), `import type { D } from "./d.ts";\nexport type C = { d?: D };\n`);
    writeFileSync(join(cycleDir, "d.ts"), `import type { C } from "./c.ts";\nexport type D = { c?: C };\n`);
    const cycles = await findImportCycles([`${probe}/*.ts`]);
    expect(cycles.map((cycle) => cycle.map((file) => file.replace(`${probe}/`, "")).sort())).toEqual([
      ["a.ts", "b.ts"],
    ]);
  });

  it("the lint's globs reach the source folders", async () => {
    const { globFiles } = await import("dpdm");
    const files = (await Promise.all(SOURCE_GLOBS.map((glob) => globFiles(glob, root)))).flat();
    for (const folder of ["app/", "components/", "jobs/", "lib/", "scripts/", "tests/"])
      expect(files.some((file) => relative(root, file).startsWith(folder))).toBe(true);
    expect(files.some((file) => file.includes("node_modules"))).toBe(false);
  });
});
