import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OWN_DATABASE_FILES } from "../setup/own-databases.ts";

// A test file that runs a job worker takes every job on its queues: it must work on a database of its own, or it
// finishes other files' jobs and they its (issue 24). This fails when a new one is not registered.
const ROOT = join(import.meta.dirname, "../..");
const STARTS_A_WORKER = /\bstartWorker\s*\(|["'`](jobs\/runner|scripts\/launch)\.ts["'`]/;

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

describe("test files that run a job worker", () => {
  const files = [...testFiles("tests/integration"), ...testFiles("lib"), ...testFiles("jobs")];

  it("each have a database of their own", () => {
    const running = files
      .filter((f) => STARTS_A_WORKER.test(readFileSync(join(ROOT, f), "utf8")))
      .map((f) => f.split("/").pop()!);
    expect(running.length).toBeGreaterThanOrEqual(4);
    expect(running.filter((f) => !(OWN_DATABASE_FILES as readonly string[]).includes(f))).toEqual([]);
  });

  it("skip nothing: no skipIf, skip or todo in the suite (a skipped test also fails npm test)", () => {
    const skipping = [...files, ...testFiles("tests/architecture")].filter((f) =>
      /\b(describe|it|test)\.(skip|skipIf|todo|runIf)\b/.test(readFileSync(join(ROOT, f), "utf8")),
    );
    expect(skipping).toEqual([]);
  });
});
