// Child process of bench:inventory: one CSV import through the app's code, so its peak RSS is the import's (plus
// Node and the app's modules), not the bench's own database setup. Prints one JSON line.
import { readFileSync } from "node:fs";

const [file, dealershipId] = process.argv.slice(2);
const { readInventoryFile } = await import("../../lib/vehicles/read-inventory-file.ts");
const { importVehicles } = await import("../../lib/vehicles/import-vehicles.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
const started = performance.now();
const bytes = readFileSync(file!);
const summary = await importVehicles(
  { dealershipId: dealershipId!, userId: null, name: null },
  readInventoryFile(bytes),
  { source: "csv", rememberMapping: true },
);
const ms = performance.now() - started;
await closeDb();
console.log(
  JSON.stringify({
    ms,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    applied: summary.applied,
    created: summary.created,
    errors: summary.errors.slice(0, 5),
  }),
);
