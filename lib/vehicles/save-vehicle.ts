import { and, eq, isNull, ne, or, type SQL } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import type { Vehicle } from "./find-vehicles.ts";
import type { VehicleCreateInput, VehicleUpdateInput } from "./schemas.ts";
import { stopWithdrawnOffers } from "./stop-withdrawn-offers.ts";
import { changedColumns, columnsOf } from "./vehicle-columns.ts";

export type VehicleActor = LeadActor;

/** A stock number, plate or VIN another car of the dealership already has: a field error, not a 500 or a twin. */
async function assertKeysFree(tx: TenantTx, input: VehicleUpdateInput, exceptId?: string) {
  const checks: [keyof VehicleUpdateInput, SQL, string][] = [];
  if (input.stock_number)
    checks.push([
      "stock_number",
      eq(vehicles.stockNumber, input.stock_number),
      "Lagernummeret er allerede i bruk",
    ]);
  if (input.registration_number)
    checks.push([
      "registration_number",
      eq(vehicles.registrationNumber, input.registration_number),
      "En annen bil har dette registreringsnummeret",
    ]);
  if (input.vin)
    checks.push(["vin", eq(vehicles.vin, input.vin), "En annen bil har dette understellsnummeret"]);
  if (checks.length === 0) return;
  const taken = await tx
    .select({
      stockNumber: vehicles.stockNumber,
      registrationNumber: vehicles.registrationNumber,
      vin: vehicles.vin,
    })
    .from(vehicles)
    .where(
      and(
        eq(vehicles.dealershipId, tx.dealershipId),
        isNull(vehicles.deletedAt),
        exceptId ? ne(vehicles.id, exceptId) : undefined,
        or(...checks.map(([, cond]) => cond)),
      ),
    );
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, , message] of checks) {
    const value = input[field];
    const hit = taken.some((t) =>
      field === "stock_number"
        ? t.stockNumber === value
        : field === "vin"
          ? t.vin === value
          : t.registrationNumber === value,
    );
    if (hit) fieldErrors[field] = [message];
  }
  if (Object.keys(fieldErrors).length > 0)
    throw new AppError("bad_request", "Sjekk feltene som er markert", { fieldErrors });
}

/** Adds a car (the form, POST /api/vehicles). */
export async function createVehicle(
  actor: VehicleActor,
  input: VehicleCreateInput,
  now = new Date(),
): Promise<Vehicle> {
  return withTenant(actor.dealershipId, async (tx) => {
    await assertKeysFree(tx, input);
    const [created] = await tx
      .insert(vehicles)
      .values({
        ...columnsOf(input),
        make: input.make,
        model: input.model,
        dealershipId: tx.dealershipId,
        statusChangedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "vehicle.created",
      targetType: "vehicle",
      targetId: created!.id,
      data: { make: input.make, model: input.model, stock_number: input.stock_number ?? null },
    });
    return created!;
  });
}

/**
 * Changes the fields given (the form, PATCH /api/vehicles/:id, the status buttons). A new status stamps its date:
 * from that moment the responder no longer offers the car as available.
 */
export async function updateVehicle(
  actor: VehicleActor,
  vehicleId: string,
  input: VehicleUpdateInput,
  now = new Date(),
): Promise<Vehicle> {
  return withTenant(actor.dealershipId, async (tx) => {
    const [stored] = await tx
      .select()
      .from(vehicles)
      .where(
        and(
          eq(vehicles.id, vehicleId),
          eq(vehicles.dealershipId, tx.dealershipId),
          isNull(vehicles.deletedAt),
        ),
      )
      .for("update");
    if (!stored) throw new AppError("not_found", "Fant ikke bilen");
    await assertKeysFree(tx, input, vehicleId);
    const set = changedColumns(stored as unknown as Record<string, unknown>, columnsOf(input));
    if (Object.keys(set).length === 0) return stored;
    if (set.status) set.statusChangedAt = now;
    // Leaving "available": unsent AI replies that offer the car are stopped in the same transaction.
    const stoppedOffers =
      set.status && stored.status === "available" ? await stopWithdrawnOffers(tx, [vehicleId]) : 0;
    const [updated] = await tx
      .update(vehicles)
      .set({ ...set, updatedAt: now })
      .where(and(eq(vehicles.id, vehicleId), eq(vehicles.dealershipId, tx.dealershipId)))
      .returning();
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: set.status ? "vehicle.status_changed" : "vehicle.updated",
      targetType: "vehicle",
      targetId: vehicleId,
      data: {
        changed: Object.keys(set),
        ...(set.status && { from: stored.status, to: set.status }),
        ...(stoppedOffers > 0 && { stoppedOffers }),
      },
    });
    return updated!;
  });
}

/** Soft delete: leads that cited the car keep their link; lists, search and the responder skip it. */
export async function deleteVehicle(actor: VehicleActor, vehicleId: string, now = new Date()): Promise<void> {
  await withTenant(actor.dealershipId, async (tx) => {
    const deleted = await tx
      .update(vehicles)
      .set({ deletedAt: now, updatedAt: now })
      .where(
        and(
          eq(vehicles.id, vehicleId),
          eq(vehicles.dealershipId, tx.dealershipId),
          isNull(vehicles.deletedAt),
        ),
      )
      .returning({ id: vehicles.id });
    if (deleted.length === 0) throw new AppError("not_found", "Fant ikke bilen");
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "vehicle.deleted",
      targetType: "vehicle",
      targetId: vehicleId,
    });
  });
}
