// Part of `npm run lint`: fails when any module imports itself through a chain of others (conventions.md: one-way
// data flow). Prints each cycle as the chain of files.
import { findImportCycles, SOURCE_GLOBS } from "./lib/find-import-cycles.ts";

const started = performance.now();
const cycles = await findImportCycles(SOURCE_GLOBS);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (cycles.length === 0) {
  console.log(`import cycles: none (${seconds} s)`);
} else {
  console.error(`import cycles: ${cycles.length} found (${seconds} s)`);
  for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(" → ")}`);
  process.exitCode = 1;
}
