import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { vehicles } from "../../db/schema/vehicles.ts";
import { createApiKey } from "../../lib/auth/api-keys.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

// Route handlers called with real Requests against the real database; API keys authenticate the caller. The
// dashboard session (normally read from the cookie) is replaced, so the session path can be tested too.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({ getSession: async () => signedIn }));
const { GET: listVehicles } = await import("../../app/api/vehicles/route.ts");
const { GET: getVehicle } = await import("../../app/api/vehicles/[id]/route.ts");

type Fixture = { id: string; key: string; session: Session; vehicleIds: string[] };
let fjordbil: Fixture;
let vestland: Fixture;

const STOCK = [
  { make: "Volkswagen", model: "Golf", variant: "GTI", year: 2021, priceNok: 329_000, status: "available" },
  { make: "Volkswagen", model: "ID.4", variant: "Pro", year: 2023, priceNok: 389_900, status: "available" },
  {
    make: "Tesla",
    model: "Model 3",
    variant: "Long Range",
    year: 2022,
    priceNok: 299_000,
    status: "reserved",
  },
  { make: "Toyota", model: "RAV4", variant: "hybrid", year: 2019, priceNok: 279_000, status: "sold" },
] as const;

async function setUp(name: string): Promise<Fixture> {
  const d = await createTestDealership({ name });
  const admin = await createTestUser(d.id, { role: "admin" });
  const session: Session = {
    userId: admin.id,
    dealershipId: d.id,
    role: "admin",
    name: admin.name,
    email: admin.email,
    dealershipName: name,
    via: "builtin",
  };
  const { key } = await createApiKey(session, "test");
  const rows = await withTenant(d.id, (tx) =>
    tx
      .insert(vehicles)
      .values(
        STOCK.map((v) => ({
          ...v,
          dealershipId: d.id,
          mileageKm: 42_000,
          fuelType: "petrol" as const,
          transmission: "automatic" as const,
          listingUrl: `https://www.finn.no/car/used/ad.html?finnkode=${Math.floor(Math.random() * 1e9)}`,
        })),
      )
      .returning({ id: vehicles.id }),
  );
  return { id: d.id, key, session, vehicleIds: rows.map((r) => r.id) };
}

const get = (path: string, key?: string) =>
  new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
type VehicleJson = { id: string; make: string; model: string; status: string; price_nok: number };
const list = async (query: string, key = fjordbil.key) => {
  const res = await listVehicles(get(`/api/vehicles${query}`, key), ctx({}));
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  fjordbil = await setUp("Fjordbil Lager AS");
  vestland = await setUp("Vestland Lager AS");
});
afterAll(() => closeDb());

describe("GET /api/vehicles", () => {
  it("lists the key's dealership in snake_case, available cars first", async () => {
    const { status, body } = await list("");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 4, page: 1, pages: 1 });
    expect((body.vehicles as VehicleJson[]).map((v) => v.id).sort()).toEqual([...fjordbil.vehicleIds].sort());
    expect(body.vehicles[0]).toMatchObject({
      make: "Volkswagen",
      model: "Golf",
      variant: "GTI",
      year: 2021,
      price_nok: 329_000,
      mileage_km: 42_000,
      fuel_type: "petrol",
      transmission: "automatic",
      status: "available",
      listing_url: expect.stringContaining("finn.no"),
    });
    expect(body.vehicles[0]).not.toHaveProperty("dealershipId");
    expect(body.vehicles[0]).not.toHaveProperty("priceNok");
  });

  it("filters by status and by make/model words", async () => {
    const statuses = async (q: string) =>
      ((await list(q)).body.vehicles as VehicleJson[]).map((v) => `${v.make} ${v.model} ${v.status}`);
    expect(await statuses("?status=available")).toEqual([
      "Volkswagen Golf available",
      "Volkswagen ID.4 available",
    ]);
    expect(await statuses("?status=sold")).toEqual(["Toyota RAV4 sold"]);
    expect(await statuses("?search=tesla")).toEqual(["Tesla Model 3 reserved"]);
    expect(await statuses(`?search=${encodeURIComponent("volkswagen golf")}`)).toEqual([
      "Volkswagen Golf available",
    ]);
    expect(await statuses("?search=golf&status=sold")).toEqual([]);
    expect(await statuses(`?search=${encodeURIComponent("100%_")}`)).toEqual([]);
  });

  it("pages with limit and offset", async () => {
    const first = await list("?limit=3");
    expect(first.body).toMatchObject({ total: 4, page: 1, pages: 2 });
    expect(first.body.vehicles).toHaveLength(3);
    const second = await list("?limit=3&offset=3");
    expect(second.body).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(second.body.vehicles).toHaveLength(1);
    const seen = [...first.body.vehicles, ...second.body.vehicles].map((v: VehicleJson) => v.id);
    expect(new Set(seen).size).toBe(4);
  });

  it("answers 400 with field errors for a bad query", async () => {
    const { status, body } = await list("?status=solgt&limit=0&offset=-1");
    expect(status).toBe(400);
    expect(body.fields).toMatchObject({
      status: [expect.any(String)],
      limit: [expect.any(String)],
      offset: [expect.any(String)],
    });
    expect((await list("?limit=101")).status).toBe(400);
  });

  it("answers 401 without credentials and for an unknown key", async () => {
    signedIn = null;
    expect((await listVehicles(get("/api/vehicles"), ctx({}))).status).toBe(401);
    expect((await list("", "nv_not-a-real-key-000000000000000000")).status).toBe(401);
  });

  it("serves a signed-in dashboard user their own dealership's cars", async () => {
    signedIn = { ...vestland.session, role: "sales_rep" };
    const res = await listVehicles(get("/api/vehicles?status=available"), ctx({}));
    expect(res.status).toBe(200);
    const ids = ((await res.json()).vehicles as VehicleJson[]).map((v) => v.id);
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => vestland.vehicleIds.includes(id))).toBe(true);
    signedIn = null;
  });
});

describe("GET /api/vehicles/:id", () => {
  it("returns the car, and 404 for a malformed id", async () => {
    const id = fjordbil.vehicleIds[0]!;
    const res = await getVehicle(get(`/api/vehicles/${id}`, fjordbil.key), ctx({ id }));
    expect(res.status).toBe(200);
    expect((await res.json()).vehicle).toMatchObject({ id, make: "Volkswagen", price_nok: 329_000 });
    const bad = await getVehicle(get("/api/vehicles/nope", fjordbil.key), ctx({ id: "nope" }));
    expect(bad.status).toBe(404);
  });
});

describe("cross-tenant access", () => {
  it("shows Vestland's key none of Fjordbil's cars, in the list or by id", async () => {
    const { body } = await list("?limit=100", vestland.key);
    const ids = (body.vehicles as VehicleJson[]).map((v) => v.id);
    expect(ids.sort()).toEqual([...vestland.vehicleIds].sort());
    expect(ids.some((id) => fjordbil.vehicleIds.includes(id))).toBe(false);
    for (const id of fjordbil.vehicleIds) {
      const res = await getVehicle(get(`/api/vehicles/${id}`, vestland.key), ctx({ id }));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "not_found", message: "Vehicle not found" });
    }
  });
});
