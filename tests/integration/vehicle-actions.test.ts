import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { getWithdrawnVehicleFlags, findInterestedLeads } from "../../lib/vehicles/interested-leads.ts";
import { findVehicleList } from "../../lib/vehicles/find-vehicle-list.ts";
import { vehicleListQuery } from "../../lib/vehicles/schemas.ts";
import { createTestLead, createTestTenant, type TestTenant } from "../helpers/factories.ts";

// The Biler page's server actions through tenantAction (session, roles, field errors, other tenants), and the
// "bilen er solgt" flag of the leads that asked about a car.
let signedIn: Session | null = null;
let redirectedTo: string | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  redirect: (to: string) => {
    redirectedTo = to;
  },
}));
const actions = await import("../../app/(dashboard)/vehicles/actions.ts");

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  a = await createTestTenant("Biler Aksjon AS");
  b = await createTestTenant("Andre Biler AS");
});
afterAll(() => closeDb());

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("vehicle actions", () => {
  it("adds a car from the form's strings and opens its page", async () => {
    signedIn = await a.as("manager");
    const result = await actions.saveVehicleAction(
      null,
      form({
        make: "Skoda",
        model: "Enyaq",
        price_nok: "449 000",
        mileage_km: "12 400",
        registration_number: "ej 63108",
        fuel_type: "electric",
        towbar: "true",
        equipment: "Hengerfeste\nVarmepumpe\n",
        image_urls: "",
        status: "available",
        first_registration: "",
      }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(redirectedTo).toMatch(/^\/vehicles\/[0-9a-f-]{36}\?created=1$/);
    const [car] = await withTenant(a.id, (tx) =>
      tx.select().from(vehicles).where(eq(vehicles.dealershipId, a.id)),
    );
    expect(car).toMatchObject({
      priceNok: 449_000,
      mileageKm: 12_400,
      registrationNumber: "EJ63108",
      towbar: true,
      equipment: ["Hengerfeste", "Varmepumpe"],
    });
  });

  it("shows field errors next to the fields, refuses a rep, and gives other tenants not found", async () => {
    signedIn = await a.as("admin");
    const bad = await actions.saveVehicleAction(
      null,
      form({ make: "", model: "X", price_nok: "-1", vin: "KORT" }),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { make: expect.any(Array), price_nok: expect.any(Array), vin: expect.any(Array) },
    });
    const [car] = await withTenant(a.id, (tx) =>
      tx.select().from(vehicles).where(eq(vehicles.dealershipId, a.id)),
    );
    signedIn = await a.as("sales_rep");
    expect(await actions.setVehicleStatusAction(null, { id: car!.id, status: "sold" })).toEqual({
      ok: false,
      error: "Du har ikke tilgang til dette",
    });
    signedIn = await b.as("admin");
    expect(await actions.setVehicleStatusAction(null, { id: car!.id, status: "sold" })).toMatchObject({
      ok: false,
      error: "Fant ikke bilen",
    });
    expect(await actions.deleteVehicleAction(null, { id: car!.id })).toMatchObject({ ok: false });
    expect(
      await actions.saveVehicleAction(null, form({ id: car!.id, make: "Hack", model: "Hack" })),
    ).toMatchObject({ ok: false, error: "Fant ikke bilen" });
  });

  it("flags open leads that asked about a car once it is sold, and counts them on the list", async () => {
    signedIn = await a.as("manager");
    const [car] = await withTenant(a.id, (tx) =>
      tx.select().from(vehicles).where(eq(vehicles.dealershipId, a.id)),
    );
    const open = await createTestLead(a.id, { vehicleInterest: "Skoda Enyaq" });
    const won = await createTestLead(a.id, { vehicleInterest: "Skoda Enyaq" });
    await withTenant(a.id, async (tx) => {
      await tx.update(leads).set({ vehicleId: car!.id }).where(eq(leads.id, open.id));
      await tx.update(leads).set({ vehicleId: car!.id, status: "won" }).where(eq(leads.id, won.id));
    });
    expect((await getWithdrawnVehicleFlags(signedIn, [open.id])).size).toBe(0);
    // An AI reply offering the car, still waiting for approval, and one already sent.
    const message = (deliveryStatus: "draft" | "sent") => ({
      dealershipId: a.id,
      leadId: open.id,
      channel: "email" as const,
      direction: "outbound" as const,
      senderType: "ai" as const,
      messageContent: "Skoda Enyaq er tilgjengelig for 449 000 kr.",
      metadata: { citedVehicleIds: [car!.id] },
      deliveryStatus,
    });
    const [draft, sent] = await withTenant(a.id, (tx) =>
      tx
        .insert(conversations)
        .values([message("draft"), message("sent")])
        .returning(),
    );
    expect(await actions.setVehicleStatusAction(null, { id: car!.id, status: "sold" })).toMatchObject({
      ok: true,
    });
    const after = await withTenant(a.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, open.id)),
    );
    expect(after.find((m) => m.id === draft!.id)).toMatchObject({
      deliveryStatus: "cancelled",
      deliveryError: "vehicle_withdrawn",
    });
    expect(after.find((m) => m.id === sent!.id)).toMatchObject({ deliveryStatus: "sent" });
    const flags = await getWithdrawnVehicleFlags(signedIn, [open.id, won.id]);
    expect([...flags]).toEqual([[open.id, "sold"]]);
    expect((await findInterestedLeads(signedIn, car!.id)).map((l) => l.id).sort()).toEqual(
      [open.id, won.id].sort(),
    );
    const list = await findVehicleList(signedIn, vehicleListQuery.parse({}));
    expect(list.vehicles[0]).toMatchObject({ id: car!.id, leadCount: 2, status: "sold" });
    expect(list.vehicles[0]!.statusChangedAt).toBeInstanceOf(Date);
    // Another dealership sees neither the flag nor the leads.
    expect((await getWithdrawnVehicleFlags({ dealershipId: b.id }, [open.id])).size).toBe(0);
    expect(await findInterestedLeads({ dealershipId: b.id }, car!.id)).toEqual([]);
  });

  it("soft-deletes: gone from the list, kept for the leads", async () => {
    signedIn = await a.as("admin");
    const [car] = await withTenant(a.id, (tx) =>
      tx.select().from(vehicles).where(eq(vehicles.dealershipId, a.id)),
    );
    redirectedTo = null;
    expect(await actions.deleteVehicleAction(null, { id: car!.id })).toMatchObject({ ok: true });
    expect(redirectedTo).toBe("/vehicles");
    expect((await findVehicleList(signedIn, vehicleListQuery.parse({}))).total).toBe(0);
    expect(await findInterestedLeads(signedIn, car!.id)).toHaveLength(2);
  });
});
