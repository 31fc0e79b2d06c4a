import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { actorTypeOf } from "../leads/lead-actor.ts";
import { recordImportRun } from "./import-settings.ts";
import type { VehicleActor } from "./save-vehicle.ts";
import { vehicleBulkInput } from "./schemas.ts";
import { upsertVehicles } from "./upsert-vehicles.ts";

/**
 * PUT /api/vehicles/bulk: up to 1,000 cars keyed by stock number, all or nothing. Field errors are keyed
 * "<index>.<field>" so a DMS integration can tell which row failed.
 */
export async function bulkUpsertVehicles(actor: VehicleActor, body: unknown, now = new Date()) {
  const parsed = vehicleBulkInput.safeParse(body);
  if (!parsed.success) {
    const fields: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.length ? issue.path.join(".") : "body";
      (fields[key] ??= []).push(issue.message);
    }
    throw new AppError("bad_request", "Invalid fields", { fieldErrors: fields });
  }
  const started = Date.now();
  return withTenant(actor.dealershipId, async (tx) => {
    const rows = parsed.data.map((data, index) => ({ line: index, data }));
    const result = await upsertVehicles(tx, rows, { now });
    if (result.errors.length > 0) {
      const fields: FieldErrors = {};
      for (const e of result.errors)
        (fields[`${e.line}.${e.field ?? "stock_number"}`] ??= []).push(e.message);
      throw new AppError("bad_request", "Invalid fields", { fieldErrors: fields });
    }
    const run = await recordImportRun(tx, {
      source: "api",
      actorUserId: actor.userId,
      ok: true,
      rows: rows.length,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      failed: 0,
      markedSold: 0,
      durationMs: Date.now() - started,
    });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "vehicle.imported",
      targetType: "vehicle_import_run",
      targetId: run.id,
      data: { source: "api", created: result.created, updated: result.updated },
    });
    return { created: result.created, updated: result.updated, unchanged: result.unchanged };
  });
}
