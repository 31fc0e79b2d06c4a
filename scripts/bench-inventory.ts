// npm run bench:inventory [-- --cars 10000 --iterations 200 --bulk-iterations 20]
//
// Inventory at a real dealership's scale, through the app's own code as the app role (RLS enforced), on a
// throw-away Postgres:
//  1. CSV import of --cars rows (Norwegian headers, `;`, Windows-1252, prices like "349 900,-"): the whole path
//     the upload route runs (decode, parse, map, validate, upsert in one transaction, run log, audit). Time and
//     the process's peak RSS. Targets < 10 s, < 300 MB.
//  2. The Biler page's data with --cars cars: findVehicleList (one page, its total and the lead counts) over
//     searches, filters, sorts and pages, p50/p95. Target p95 < 150 ms. (The page's server render on top is the
//     same for 25 rows whatever the stock size.)
//  3. PUT /api/vehicles/bulk's use case with 1,000 rows keyed by stock number (a tenth changed each call), p95.
//     Target < 2 s.
// Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import type pg from "pg";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { insertBenchDealership, startBenchDatabase } from "./lib/bench-dealership.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";

const TARGET_IMPORT_MS = 10_000;
const TARGET_IMPORT_RSS_MB = 300;
const TARGET_LIST_P95_MS = 150;
const TARGET_BULK_P95_MS = 2_000;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:inventory [-- options]

Options:
  --cars <n>              rows in the CSV import and cars in stock (default 10000)
  --iterations <n>        measured list queries (default 200)
  --bulk-iterations <n>   measured 1,000-row bulk upserts (default 20)
  -h, --help              show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      cars: { type: "string" },
      iterations: { type: "string" },
      "bulk-iterations": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    cars: positiveInt("cars", values.cars, 10_000, { max: 19_000 }),
    iterations: positiveInt("iterations", values.iterations, 200, { max: 100_000 }),
    bulkIterations: positiveInt("bulk-iterations", values["bulk-iterations"], 20, { max: 1_000 }),
  };
}

const MAKES = [
  ["Tesla", "Model Y", "Elektrisitet"],
  ["Volkswagen", "ID.4", "Elektrisitet"],
  ["Toyota", "RAV4", "Ladbar hybrid"],
  ["Volvo", "XC60", "Ladbar hybrid"],
  ["Skoda", "Octavia", "Diesel"],
  ["Kia", "Niro", "Hybrid"],
  ["Ford", "Mustang Mach-E", "Elektrisitet"],
  ["Citroën", "ë-C4", "Elektrisitet"],
] as const;
const BODIES = ["SUV/Offroad", "Stasjonsvogn", "Kombi 5-dørs", "Sedan"];

/** A dealer export of `n` cars: Windows-1252, `;`, Norwegian headers and number formats. */
function buildCsv(n: number): Buffer {
  const lines = [
    "Lagernr;Merke;Modell;Variant;Årsmodell;Regnr;Km;Pris;Drivstoff;Girkasse;Hjuldrift;Karosseri;Farge;Status;Finnkode;Beskrivelse",
  ];
  for (let i = 0; i < n; i++) {
    const [make, model, fuel] = MAKES[i % MAKES.length]!;
    const price = 150_000 + ((i * 7919) % 500) * 1000;
    lines.push(
      [
        `B-${i}`,
        make,
        model,
        `Variant ${i % 13}`,
        2015 + (i % 10),
        `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (((i / 26) % 26) | 0))} ${10000 + (i % 89999)}`,
        `${(i * 37) % 200} ${String((i * 91) % 1000).padStart(3, "0")}`,
        `${Math.floor(price / 1000)} ${String(price % 1000).padStart(3, "0")},-`,
        fuel,
        i % 5 === 0 ? "Manuell" : "Automat",
        i % 3 === 0 ? "Firehjulsdrift" : "Forhjulsdrift",
        BODIES[i % BODIES.length],
        ["Hvit", "Grå", "Blå", "Sølv", "Svart"][i % 5],
        i % 17 === 0 ? "Solgt" : i % 11 === 0 ? "Reservert" : "Til salgs",
        String(390_000_000 + i),
        `"Godt utstyrt; hengerfeste, vinterhjul. Bil nr. ${i}."`,
      ].join(";"),
    );
  }
  return iconv.encode(lines.join("\r\n"), "win1252");
}

const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? "ok" : "FAIL");

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let db: DatabaseHandle | undefined;
  let owner: pg.Client | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    ({ db, owner } = await startBenchDatabase("norvalt_bench_inventory", log));
    const dealership = await insertBenchDealership(owner, "bench-inventory");
    process.env.DATABASE_URL = db.appUrl;
    process.env.NORVALT_PROCESS_NAME ??= "norvalt-bench";
    ({ closeDb } = await import("../lib/db/client.ts"));
    const { findVehicleList } = await import("../lib/vehicles/find-vehicle-list.ts");
    const { bulkUpsertVehicles } = await import("../lib/vehicles/bulk-upsert-vehicles.ts");
    const { vehicleListQuery } = await import("../lib/vehicles/schemas.ts");
    const tenant = { dealershipId: dealership.id };
    const actor = { dealershipId: dealership.id, userId: null, name: null };

    // 1. CSV import.
    const csv = buildCsv(options.cars);
    log(`CSV import: ${options.cars} rows, ${(csv.byteLength / 1024 / 1024).toFixed(1)} MB (Windows-1252)`);
    const file = join(tmpdir(), `norvalt-bench-inventory-${process.pid}.csv`);
    writeFileSync(file, csv);
    const child = spawnSync(
      process.execPath,
      [join(import.meta.dirname, "lib/bench-inventory-import.ts"), file, dealership.id],
      {
        env: { ...process.env, DATABASE_URL: db.appUrl },
        encoding: "utf8",
      },
    );
    rmSync(file, { force: true });
    if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`);
    const imported = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
      ms: number;
      rssBeforeMb: number;
      peakRssMb: number;
      applied: boolean;
      created: number;
      errors: unknown[];
    };
    const importMs = imported.ms;
    const peakMb = imported.peakRssMb;
    if (!imported.applied || imported.created !== options.cars)
      throw new Error(`import did not apply: ${JSON.stringify(imported)}`);

    // 2. The list.
    const filters = [
      {},
      { search: "tesla" },
      { search: "AB 10" },
      { status: "available" as const },
      { fuel: "electric" as const, sort: "-price" as const },
      { body_type: "suv" as const, price_min: 200_000, price_max: 400_000 },
      { sort: "mileage" as const },
      { sort: "-year" as const, search: "volvo xc60" },
    ];
    const pageOf = (i: number) => {
      const filter = vehicleListQuery.parse({
        ...filters[i % filters.length],
        offset: (i % 7) * 25 * (i % 3),
      });
      return filter;
    };
    for (let i = 0; i < 10; i++) await findVehicleList(tenant, pageOf(i));
    const listSamples: number[] = [];
    for (let i = 0; i < options.iterations; i++) {
      const started = performance.now();
      await findVehicleList(tenant, pageOf(i));
      listSamples.push(performance.now() - started);
    }
    const list = statsOf(listSamples);

    // 3. Bulk upsert of 1,000 rows by stock number, a tenth of them changed each call.
    const bulkRows = (round: number) =>
      Array.from({ length: 1000 }, (_, i) => ({
        stock_number: `B-${i}`,
        make: MAKES[i % MAKES.length]![0],
        model: MAKES[i % MAKES.length]![1],
        price_nok: 200_000 + (i % 10 === round % 10 ? round * 100 : 0),
        mileage_km: 10_000 + i,
        status: "available",
      }));
    await bulkUpsertVehicles(actor, bulkRows(0));
    const bulkSamples: number[] = [];
    for (let round = 1; round <= options.bulkIterations; round++) {
      const started = performance.now();
      await bulkUpsertVehicles(actor, bulkRows(round));
      bulkSamples.push(performance.now() - started);
    }
    const bulk = statsOf(bulkSamples);

    console.log(
      "\n" +
        formatTable(
          ["measure", "n", "p50", "p95", "max", "target", "result"],
          [
            [
              `CSV import, ${options.cars} rows: time`,
              "1",
              ms(importMs),
              ms(importMs),
              ms(importMs),
              "< 10 s",
              verdict(importMs < TARGET_IMPORT_MS),
            ],
            [
              `CSV import, ${options.cars} rows: peak RSS`,
              "1",
              `${peakMb.toFixed(0)} MB`,
              `${peakMb.toFixed(0)} MB`,
              `${peakMb.toFixed(0)} MB`,
              "< 300 MB",
              verdict(peakMb < TARGET_IMPORT_RSS_MB),
            ],
            [
              `Biler list, ${options.cars} cars`,
              String(list.n),
              ms(list.p50),
              ms(list.p95),
              ms(list.max),
              "p95 < 150 ms",
              verdict(list.p95 < TARGET_LIST_P95_MS),
            ],
            [
              "bulk upsert, 1,000 rows",
              String(bulk.n),
              ms(bulk.p50),
              ms(bulk.p95),
              ms(bulk.max),
              "p95 < 2 s",
              verdict(bulk.p95 < TARGET_BULK_P95_MS),
            ],
          ],
          [false, true, true, true, true, false, false],
        ),
    );
    log(
      `import process RSS before the file was read: ${imported.rssBeforeMb.toFixed(0)} MB (Node and the app's modules)`,
    );
    return 0;
  } catch (err) {
    console.error(`bench:inventory failed: ${describeError(err)}`);
    return 1;
  } finally {
    await closeDb?.().catch(() => {});
    await owner?.end().catch(() => {});
    await db?.stop();
  }
}

process.exit(await main());
