import { TransactionRollbackError } from "drizzle-orm";
import type { VEHICLE_IMPORT_SOURCES } from "../../db/schema/vehicle-imports.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { actorTypeOf } from "../leads/lead-actor.ts";
import { findImportSettings, recordImportRun, saveImportSettings } from "./import-settings.ts";
import { suggestMapping, type InventoryTable } from "./read-inventory-file.ts";
import type { VehicleActor } from "./save-vehicle.ts";
import { vehicleCreateInput, type VehicleFieldName } from "./schemas.ts";
import { upsertVehicles, type RowError, type UpsertRow } from "./upsert-vehicles.ts";
import { normaliseRegistrationNumber } from "./registration-number.ts";
import { normaliseVin } from "./vin.ts";

export type ImportOptions = {
  /** Header → field; missing headers use the saved or suggested mapping. */
  mapping?: Record<string, string>;
  markMissingSold?: boolean;
  /** Apply the valid rows even when some fail (otherwise any failed row rolls the whole import back). */
  applyValidRows?: boolean;
  /** Remember the mapping for the next upload (CSV uploads). */
  rememberMapping?: boolean;
  source: (typeof VEHICLE_IMPORT_SOURCES)[number];
  now?: Date;
};

export type ImportSummary = {
  ok: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  markedSold: number;
  errors: RowError[];
  warnings: RowError[];
  runId: string;
};

/** Validates the mapped records: valid rows to upsert, row errors with the file's line numbers, and warnings. */
export function validateRecords(table: InventoryTable, mapping: Record<string, string>) {
  const rows: UpsertRow[] = [];
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  const seenKeys: string[] = [];
  for (const { line, values } of table.records) {
    const input: Record<string, unknown> = {};
    for (const [header, field] of Object.entries(mapping))
      if (field && header in values) input[field] = values[header];
    const parsed = vehicleCreateInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ line, field: String(issue.path[0] ?? ""), message: issue.message });
      // Its car is still in the file: "mark missing as sold" must not sell it.
      const key =
        input.stock_number ??
        normaliseRegistrationNumber(String(input.registration_number ?? "")) ??
        normaliseVin(String(input.vin ?? ""));
      if (key) seenKeys.push(String(key));
      continue;
    }
    if (typeof input.mileage_km === "string" && /^\s*(ca|cirka|~)/i.test(input.mileage_km))
      warnings.push({ line, field: "mileage_km", message: "Omtrentlig kilometerstand – sjekk bilen" });
    if (!parsed.data.stock_number && !parsed.data.registration_number && !parsed.data.vin)
      warnings.push({ line, message: "Uten lagernummer, regnr. eller VIN blir raden alltid en ny bil" });
    rows.push({ line, data: parsed.data });
  }
  return { rows, errors, warnings, seenKeys };
}

/**
 * Imports a parsed file (CSV upload, feed run): one transaction. By default any failed row rolls everything back
 * and the summary lists the row errors ("nothing half-applied"); with `applyValidRows` the valid rows are applied
 * and the failed ones reported. Every import is logged (vehicle_import_runs) and audited.
 */
export async function importVehicles(
  actor: VehicleActor,
  table: InventoryTable,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = Date.now();
  return withTenant(actor.dealershipId, async (tx) => {
    const settings = await findImportSettings(tx);
    const mapping = { ...suggestMapping(table.headers, settings?.csvMapping ?? null), ...options.mapping };
    const { rows, errors, warnings, seenKeys } = validateRecords(table, mapping);
    let result = { created: 0, updated: 0, unchanged: 0, markedSold: 0, errors: [] as RowError[] };
    let applied = false;
    {
      // A savepoint: when the upsert finds conflicts (two rows for one car), none of its writes stay unless the
      // caller asked for the valid rows.
      let conflicts: RowError[] = [];
      await tx
        .transaction(async (sp) => {
          const r = await upsertVehicles(
            Object.assign(sp, { dealershipId: tx.dealershipId }) as TenantTx,
            rows,
            {
              markMissingSold: options.markMissingSold,
              seenKeys,
              now: options.now,
            },
          );
          conflicts = r.errors;
          if ((errors.length > 0 || r.errors.length > 0) && !options.applyValidRows) sp.rollback();
          result = r;
          applied = true;
        })
        .catch((err: unknown) => {
          if (!(err instanceof TransactionRollbackError)) throw err;
        });
      if (!applied) result = { created: 0, updated: 0, unchanged: 0, markedSold: 0, errors: conflicts };
    }
    const allErrors = [...errors, ...result.errors].sort((a, b) => a.line - b.line);
    const failedLines = new Set(allErrors.map((e) => e.line)).size;
    if (options.rememberMapping) await saveImportSettings(tx, { csvMapping: mapping });
    const run = await recordImportRun(tx, {
      source: options.source,
      actorUserId: actor.userId,
      ok: allErrors.length === 0,
      rows: table.records.length,
      created: applied ? result.created : 0,
      updated: applied ? result.updated : 0,
      unchanged: applied ? result.unchanged : 0,
      failed: failedLines,
      markedSold: applied ? result.markedSold : 0,
      errors: allErrors,
      message: applied ? null : "Ingenting ble importert: rett feilene og prøv igjen",
      durationMs: Date.now() - started,
    });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: options.source === "feed" ? "system" : actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "vehicle.imported",
      targetType: "vehicle_import_run",
      targetId: run.id,
      data: {
        source: options.source,
        applied,
        created: run.created,
        updated: run.updated,
        failed: failedLines,
      },
    });
    return {
      ok: allErrors.length === 0,
      applied,
      rows: table.records.length,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      failed: failedLines,
      markedSold: run.markedSold,
      errors: allErrors,
      warnings,
      runId: run.id,
    };
  });
}

export type { VehicleFieldName };
