import { and, eq, inArray, isNull } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { TenantTx } from "../db/tenant.ts";
import { stopWithdrawnOffers } from "./stop-withdrawn-offers.ts";
import { changedColumns, columnsOf } from "./vehicle-columns.ts";
import type { VehicleCreateInput } from "./schemas.ts";

export type UpsertRow = { line: number; data: VehicleCreateInput };
export type RowError = { line: number; field?: string; message: string };
export type UpsertSummary = {
  created: number;
  updated: number;
  unchanged: number;
  markedSold: number;
  errors: RowError[];
  /** Cars that were available and became reserved or sold in this import (their unsent AI offers are stopped). */
  withdrawnIds: string[];
};

type Stored = typeof vehicles.$inferSelect;
const CHUNK = 500;

/**
 * Creates or updates the dealership's cars from validated rows, inside the caller's transaction. A row matches an
 * existing car by stock number, else registration number, else VIN. Two rows of one input that name the same car
 * (or the same key) are an error for the later row, never a silent overwrite. Rows with errors are skipped and
 * reported; the caller decides whether any error rolls the whole import back. `seenKeys` are keys of rows that
 * failed validation: their cars are not "missing" when `markMissingSold` is on.
 */
export async function upsertVehicles(
  tx: TenantTx,
  rows: UpsertRow[],
  options: { markMissingSold?: boolean; seenKeys?: string[]; now?: Date } = {},
): Promise<UpsertSummary> {
  const now = options.now ?? new Date();
  const stored = await tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.dealershipId, tx.dealershipId), isNull(vehicles.deletedAt)));
  const byStock = new Map<string, Stored>();
  const byPlate = new Map<string, Stored>();
  const byVin = new Map<string, Stored>();
  for (const v of stored) {
    if (v.stockNumber) byStock.set(v.stockNumber.toLowerCase(), v);
    if (v.registrationNumber) byPlate.set(v.registrationNumber, v);
    if (v.vin) byVin.set(v.vin, v);
  }
  const summary: UpsertSummary = {
    created: 0,
    updated: 0,
    unchanged: 0,
    markedSold: 0,
    errors: [],
    withdrawnIds: [],
  };
  const matched = new Set<string>();
  const matchedByRow = new Set<string>();
  const keysInFile = new Map<string, number>();
  const inserts: (typeof vehicles.$inferInsert)[] = [];
  const updates: { id: string; set: Partial<typeof vehicles.$inferInsert> }[] = [];

  for (const key of options.seenKeys ?? []) {
    const car = byStock.get(key.toLowerCase()) ?? byPlate.get(key) ?? byVin.get(key);
    if (car) matched.add(car.id);
  }

  for (const { line, data } of rows) {
    const keys = [
      data.stock_number && `stock:${data.stock_number.toLowerCase()}`,
      data.registration_number && `plate:${data.registration_number}`,
      data.vin && `vin:${data.vin}`,
    ].filter(Boolean) as string[];
    const clash = keys.find((k) => keysInFile.has(k));
    if (clash) {
      const [kind] = clash.split(":");
      summary.errors.push({
        line,
        field: kind === "stock" ? "stock_number" : kind === "plate" ? "registration_number" : "vin",
        message: `Samme ${kind === "stock" ? "lagernummer" : kind === "plate" ? "registreringsnummer" : "understellsnummer"} som linje ${keysInFile.get(clash)}`,
      });
      continue;
    }
    const car =
      (data.stock_number && byStock.get(data.stock_number.toLowerCase())) ||
      (data.registration_number && byPlate.get(data.registration_number)) ||
      (data.vin && byVin.get(data.vin)) ||
      undefined;
    const stockOwner = data.stock_number ? byStock.get(data.stock_number.toLowerCase()) : undefined;
    if (car && stockOwner && stockOwner.id !== car.id) {
      summary.errors.push({ line, field: "stock_number", message: "Lagernummeret tilhører en annen bil" });
      continue;
    }
    if (car && matchedByRow.has(car.id)) {
      summary.errors.push({ line, message: "Samme bil som en annen linje i filen" });
      continue;
    }
    for (const k of keys) keysInFile.set(k, line);
    const columns = columnsOf(data);
    if (!car) {
      inserts.push({
        ...columns,
        make: data.make,
        model: data.model,
        dealershipId: tx.dealershipId,
        statusChangedAt: now,
      });
      continue;
    }
    matched.add(car.id);
    matchedByRow.add(car.id);
    const set = changedColumns(car as unknown as Record<string, unknown>, columns);
    if (Object.keys(set).length === 0) {
      summary.unchanged++;
      continue;
    }
    if (set.status) {
      set.statusChangedAt = now;
      if (set.status !== "available" && car.status === "available") summary.withdrawnIds.push(car.id);
    }
    updates.push({ id: car.id, set: { ...set, updatedAt: now } });
  }

  for (let i = 0; i < inserts.length; i += CHUNK)
    await tx.insert(vehicles).values(inserts.slice(i, i + CHUNK));
  summary.created = inserts.length;
  for (const { id, set } of updates)
    await tx
      .update(vehicles)
      .set(set)
      .where(and(eq(vehicles.id, id), eq(vehicles.dealershipId, tx.dealershipId)));
  summary.updated = updates.length;

  if (options.markMissingSold) {
    const missingCars = stored.filter((v) => !matched.has(v.id) && v.status !== "sold");
    const missing = missingCars.map((v) => v.id);
    for (let i = 0; i < missing.length; i += CHUNK) {
      await tx
        .update(vehicles)
        .set({ status: "sold", statusChangedAt: now, updatedAt: now })
        .where(
          and(eq(vehicles.dealershipId, tx.dealershipId), inArray(vehicles.id, missing.slice(i, i + CHUNK))),
        );
    }
    summary.markedSold = missing.length;
    summary.withdrawnIds.push(...missingCars.filter((v) => v.status === "available").map((v) => v.id));
  }
  await stopWithdrawnOffers(tx, summary.withdrawnIds);
  return summary;
}
