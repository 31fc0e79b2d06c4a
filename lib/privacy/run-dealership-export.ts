import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { ZipFile } from "yazl";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { DEALERSHIP_EXPORT_TABLES, type DealershipExportTable } from "./dealership-export-tables.ts";
import { ensureExportFolder, exportFileName, resolveExportPath } from "./export-dir.ts";

/** How long a finished dealership export can be downloaded before the nightly job deletes its file. */
export const DEALERSHIP_EXPORT_TTL_HOURS = 72;
const BATCH = 500;

type Options = { now?: Date; batchSize?: number };

/**
 * The `privacy.dealership-export` job: every table of DEALERSHIP_EXPORT_TABLES as CSV and JSON, streamed into a
 * zip file batch by batch (keyset pages of `id`, each read in a short transaction), so memory stays bounded by one
 * batch whatever the dealership's size. Progress (rows written of rows to write) is stored with each batch for the
 * UI. The zip is written as `.part` and renamed when complete; a retried job starts the file again. Idempotent: a
 * request that is no longer pending is left alone.
 */
export async function runDealershipExport(
  tenant: { dealershipId: string },
  input: { requestId: string },
  options: Options = {},
): Promise<void> {
  const counts = await withTenant(tenant.dealershipId, async (tx) => {
    const [request] = await selectPending(tx, input.requestId);
    if (!request) return null;
    const counts: Record<string, number> = {};
    for (const { table } of DEALERSHIP_EXPORT_TABLES) {
      const { rows } = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where dealership_id = ${tx.dealershipId}`,
      );
      counts[table] = rows[0]?.n ?? 0;
    }
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    await tx
      .update(privacyRequests)
      .set({ progressDone: 0, progressTotal: total * 2 })
      .where(eq(privacyRequests.id, request.id));
    return counts;
  });
  if (!counts) return;

  const relative = exportFileName(tenant.dealershipId, input.requestId);
  const path = resolveExportPath(relative);
  await ensureExportFolder(tenant.dealershipId);
  try {
    await writeZip(path + ".part", tenant.dealershipId, input.requestId, counts, options);
    await rename(path + ".part", path);
  } catch (error) {
    await rm(path + ".part", { force: true });
    throw error;
  }
  const bytes = (await stat(path)).size;
  const now = options.now ?? new Date();
  const finished = await withTenant(tenant.dealershipId, async (tx) => {
    const [request] = await selectPending(tx, input.requestId);
    if (!request) return false;
    await tx
      .update(privacyRequests)
      .set({
        status: "done",
        filePath: relative,
        fileBytes: bytes,
        summary: counts,
        progressDone: sql`${privacyRequests.progressTotal}`,
        error: null,
        completedAt: now,
        expiresAt: new Date(now.getTime() + DEALERSHIP_EXPORT_TTL_HOURS * 3_600_000),
      })
      .where(eq(privacyRequests.id, request.id));
    return true;
  });
  if (!finished) await rm(path, { force: true });
}

function selectPending(tx: TenantTx, requestId: string) {
  return tx
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.id, requestId),
        eq(privacyRequests.dealershipId, tx.dealershipId),
        eq(privacyRequests.kind, "dealership_export"),
        eq(privacyRequests.status, "pending"),
      ),
    )
    .for("update");
}

async function writeZip(
  file: string,
  dealershipId: string,
  requestId: string,
  counts: Record<string, number>,
  options: Options,
): Promise<void> {
  const zip = new ZipFile();
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on("close", resolve);
    out.on("error", reject);
    zip.on("error", reject);
    zip.outputStream.on("error", reject);
  });
  zip.outputStream.pipe(out);
  const manifest = {
    format: "norvalt.dealership-export.v1",
    generated_at: (options.now ?? new Date()).toISOString(),
    tables: counts,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), "manifest.json");
  for (const table of DEALERSHIP_EXPORT_TABLES) {
    const columns = await tableColumns(dealershipId, table);
    const batches = () => readBatches(dealershipId, requestId, table, options.batchSize ?? BATCH);
    zip.addReadStream(Readable.from(csvChunks(columns, batches())), `${table.table}.csv`);
    zip.addReadStream(Readable.from(jsonChunks(batches())), `${table.table}.json`);
  }
  zip.end();
  await done;
}

async function tableColumns(dealershipId: string, entry: DealershipExportTable): Promise<string[]> {
  const { rows } = await withTenant(dealershipId, (tx) =>
    tx.execute<{ column_name: string }>(sql`
      select column_name from information_schema.columns
      where table_schema = 'public' and table_name = ${entry.table} order by ordinal_position`),
  );
  return rows.map((r) => r.column_name).filter((c) => !(entry.omit ?? []).includes(c));
}

/** One page of rows at a time (each in its own short transaction); the progress is counted with each page. */
async function* readBatches(
  dealershipId: string,
  requestId: string,
  entry: DealershipExportTable,
  size: number,
): AsyncGenerator<Record<string, unknown>[]> {
  let after: string | null = null;
  const omit = (entry.omit ?? []).map((column) => sql` - ${column}::text`);
  for (;;) {
    const rows: Record<string, unknown>[] = await withTenant(dealershipId, async (tx) => {
      const { rows } = await tx.execute<{ id: string; row: Record<string, unknown> }>(sql`
        select t.id, to_jsonb(t)${sql.join(omit, sql``)} as row from ${sql.identifier(entry.table)} t
        where t.dealership_id = ${tx.dealershipId} ${after ? sql`and t.id > ${after}::uuid` : sql``}
        order by t.id limit ${size}`);
      if (rows.length > 0)
        await tx
          .update(privacyRequests)
          .set({ progressDone: sql`${privacyRequests.progressDone} + ${rows.length}` })
          .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.dealershipId, tx.dealershipId)));
      after = rows.at(-1)?.id ?? null;
      return rows.map((r) => r.row);
    });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

/** `;`-separated with a BOM (what Excel with Norwegian settings opens); JSON values as JSON text. */
async function* csvChunks(columns: string[], batches: AsyncIterable<Record<string, unknown>[]>) {
  yield "\uFEFF" + Papa.unparse([columns], { delimiter: ";", newline: "\r\n" }) + "\r\n";
  for await (const rows of batches)
    yield (
      Papa.unparse(
        rows.map((row) => columns.map((column) => csvCell(row[column]))),
        { delimiter: ";", newline: "\r\n" },
      ) + "\r\n"
    );
}

/** Formula injection: a text cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

async function* jsonChunks(batches: AsyncIterable<Record<string, unknown>[]>) {
  let first = true;
  yield "[";
  for await (const rows of batches) {
    yield (first ? "\n" : ",\n") + rows.map((row) => JSON.stringify(row)).join(",\n");
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}
