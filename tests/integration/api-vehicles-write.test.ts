import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../db/schema/operations.ts";
import { vehicleImportRuns } from "../../db/schema/vehicle-imports.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestAdminWithKey, createTestUser } from "../helpers/factories.ts";

// POST/PATCH/DELETE /api/vehicles, PUT /api/vehicles/bulk, POST /api/vehicles/import and the CSV export, called
// with real Requests against the real database: API keys, dashboard roles, other tenants and bad input.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({ getSession: async () => signedIn }));
const { POST: createRoute } = await import("../../app/api/vehicles/route.ts");
const { PATCH: patchRoute, DELETE: deleteRoute } = await import("../../app/api/vehicles/[id]/route.ts");
const { PUT: bulkRoute } = await import("../../app/api/vehicles/bulk/route.ts");
const { POST: importRoute } = await import("../../app/api/vehicles/import/route.ts");
const { GET: exportRoute } = await import("../../app/api/vehicles/export/route.ts");

const FIXTURES = new URL("../fixtures/inventory-csv", import.meta.url).pathname;
type Tenant = Awaited<ReturnType<typeof createTestAdminWithKey>>;
let a: Tenant;
let b: Tenant;

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const req = (method: string, path: string, body: unknown, key?: string) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
const call = async (res: Response) => ({ status: res.status, body: await res.json() });
const create = (body: unknown, key = a.key) =>
  createRoute(req("POST", "/api/vehicles", body, key), ctx({})).then(call);
const patch = (id: string, body: unknown, key = a.key) =>
  patchRoute(req("PATCH", `/api/vehicles/${id}`, body, key), ctx({ id })).then(call);
const upload = (bytes: Buffer | string, query = "", key = a.key) =>
  importRoute(
    new Request(`http://localhost/api/vehicles/import${query}`, {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${key}` },
      body: typeof bytes === "string" ? bytes : new Uint8Array(bytes),
    }),
    ctx({}),
  ).then(call);
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`);
const carsOf = (t: Tenant) =>
  withTenant(t.dealership.id, (tx) =>
    tx.select().from(vehicles).where(eq(vehicles.dealershipId, t.dealership.id)),
  );

beforeAll(async () => {
  a = await createTestAdminWithKey("Lager Skriv AS");
  b = await createTestAdminWithKey("Lager Annen AS");
});
afterAll(() => closeDb());

describe("POST/PATCH/DELETE /api/vehicles", () => {
  it("adds a car with normalised plate and Norwegian values, edits it and stamps the status date", async () => {
    const created = await create({
      make: "Tesla",
      model: "Model Y",
      year: 2022,
      registration_number: "ee 41 237",
      vin: "5YJYGDEE1MF000001",
      price_nok: "319 900,-",
      mileage_km: 58300,
      fuel_type: "Elektrisk",
      drivetrain: "4x4",
      body_type: "SUV",
      towbar: "ja",
      equipment: ["Hengerfeste", "Varmepumpe"],
      stock_number: "T-1",
    });
    expect(created.status).toBe(201);
    expect(created.body.vehicle).toMatchObject({
      registration_number: "EE41237",
      price_nok: 319_900,
      fuel_type: "electric",
      drivetrain: "awd",
      towbar: true,
      status: "available",
      stock_number: "T-1",
    });
    const id = created.body.vehicle.id;
    const edited = await patch(id, { price_nok: 299_000, status: "sold" });
    expect(edited.status).toBe(200);
    expect(edited.body.vehicle).toMatchObject({ price_nok: 299_000, status: "sold", make: "Tesla" });
    expect(new Date(edited.body.vehicle.status_changed_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audits = await withTenant(a.dealership.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, a.dealership.id), eq(auditLog.targetId, id))),
    );
    expect(audits.map((x) => x.action).sort()).toEqual(["vehicle.created", "vehicle.status_changed"]);
  });

  it("answers 400 with field errors for bad input, never 500", async () => {
    const bad = await create({
      make: "",
      model: "<script>alert(1)</script>",
      price_nok: -5,
      mileage_km: "mange",
      year: 3000,
      vin: "123",
      registration_number: "ÆØÅ-!!",
      fuel_type: "rakett",
      listing_url: "javascript:alert(1)",
      unknown_field: 1,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(
      expect.arrayContaining([
        "make",
        "model",
        "price_nok",
        "mileage_km",
        "year",
        "vin",
        "registration_number",
        "fuel_type",
        "listing_url",
      ]),
    );
    expect((await create("not json")).status).toBe(400);
    expect(
      (await create({ make: "Kia", model: "EV6 🚗 مرحبا", price_nok: 1e12 })).body.fields.price_nok,
    ).toBeDefined();
    const emoji = await create({ make: "Kia", model: "EV6 🚗 مرحبا" });
    expect(emoji.status).toBe(201);
    expect(emoji.body.vehicle.model).toBe("EV6 🚗 مرحبا");
    const dup = await create({ make: "Kia", model: "EV6", stock_number: "T-1" });
    expect(dup.status).toBe(400);
    expect(dup.body.fields.stock_number).toEqual(["Lagernummeret er allerede i bruk"]);
  });

  it("lets a rep read but not write (403), and gives other tenants 404", async () => {
    const { body } = await create({ make: "Volvo", model: "XC40" });
    const id = body.vehicle.id;
    const rep = await createTestUser(a.dealership.id, { role: "sales_rep" });
    signedIn = { ...a.session, userId: rep.id, role: "sales_rep" };
    expect((await create({ make: "Volvo", model: "XC60" }, "")).status).toBe(403);
    expect((await patch(id, { price_nok: 1 }, "")).status).toBe(403);
    signedIn = { ...a.session, role: "manager" };
    expect((await patch(id, { color: "Grønn" }, "")).status).toBe(200);
    signedIn = null;
    expect((await patch(id, { price_nok: 1 }, b.key)).status).toBe(404);
    expect(
      (await deleteRoute(req("DELETE", `/api/vehicles/${id}`, undefined, b.key), ctx({ id }))).status,
    ).toBe(404);
    const del = await deleteRoute(req("DELETE", `/api/vehicles/${id}`, undefined, a.key), ctx({ id }));
    expect(del.status).toBe(200);
    const [row] = (await carsOf(a)).filter((v) => v.id === id);
    expect(row!.deletedAt).not.toBeNull();
    expect((await patch(id, { price_nok: 1 })).status).toBe(404);
  });
});

describe("PUT /api/vehicles/bulk", () => {
  const put = (body: unknown, key = a.key) =>
    bulkRoute(req("PUT", "/api/vehicles/bulk", body, key), ctx({})).then(call);
  it("creates, then updates by stock number, and reports unchanged rows", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      stock_number: `B-${i}`,
      make: "Skoda",
      model: "Enyaq",
      price_nok: 400_000 + i,
    }));
    expect(await put(rows)).toEqual({ status: 200, body: { created: 30, updated: 0, unchanged: 0 } });
    rows[0]!.price_nok = 1;
    expect(await put(rows)).toEqual({ status: 200, body: { created: 0, updated: 1, unchanged: 29 } });
    // Another tenant's same stock numbers are its own cars.
    expect((await put(rows.slice(0, 2), b.key)).body).toEqual({ created: 2, updated: 0, unchanged: 0 });
  });
  it("refuses bad rows, duplicates and more than 1,000 rows, applying nothing", async () => {
    const before = (await carsOf(a)).length;
    const bad = await put([
      { stock_number: "X-1", make: "Audi", model: "Q4" },
      { stock_number: "", make: "Audi", model: "Q4", price_nok: -1 },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty("1.stock_number");
    expect(bad.body.fields).toHaveProperty("1.price_nok");
    const dup = await put([
      { stock_number: "X-2", make: "Audi", model: "Q4" },
      { stock_number: "X-2", make: "BMW", model: "iX3" },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.fields["1.stock_number"]).toBeDefined();
    const many = Array.from({ length: 1001 }, (_, i) => ({ stock_number: `M-${i}`, make: "A", model: "B" }));
    expect((await put(many)).status).toBe(400);
    expect((await put({ not: "a list" })).status).toBe(400);
    expect((await carsOf(a)).length).toBe(before);
  });
});

describe("POST /api/vehicles/import", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTestAdminWithKey("Import Test AS");
  });

  it("previews the broken file with line numbers and writes nothing", async () => {
    const preview = await upload(fixture("d-broken-rows.csv"), "?preview=1", t.key);
    expect(preview.status).toBe(200);
    expect(preview.body.mapping).toMatchObject({ Lagernr: "stock_number", Merke: "make" });
    expect(preview.body.rows).toBe(12);
    const lines = (preview.body.errors as { line: number; field: string }[]).map(
      (e) => `${e.line}:${e.field}`,
    );
    expect(lines).toEqual(["5:make", "6:price_nok"]);
    expect(preview.body.warnings).toEqual([expect.objectContaining({ line: 3, field: "mileage_km" })]);
    expect(await carsOf(t)).toHaveLength(0);
  });

  it("applies nothing when a row fails, then applies the valid rows when asked", async () => {
    const failed = await upload(fixture("d-broken-rows.csv"), "", t.key);
    expect(failed.status).toBe(422);
    expect(failed.body).toMatchObject({ applied: false, created: 0, failed: 3 });
    // Line 8 repeats stock number N-24103 of line 4: an error, not an overwrite.
    expect(failed.body.errors.map((e: { line: number }) => e.line)).toEqual([5, 6, 8]);
    expect(await carsOf(t)).toHaveLength(0);
    const partial = await upload(fixture("d-broken-rows.csv"), "?apply_valid_rows=1", t.key);
    expect(partial.body).toMatchObject({ applied: true, created: 9, failed: 3 });
    const cars = await carsOf(t);
    expect(cars.find((c) => c.stockNumber === "N-24102")).toMatchObject({ mileageKm: 45_000 });
    expect(cars.find((c) => c.stockNumber === "N-24103")).toMatchObject({ priceNok: 349_900, make: "Skoda" });
    expect(cars.find((c) => c.stockNumber === "N-24108")).toMatchObject({ mileageKm: 112_500 });
    expect(cars.find((c) => c.stockNumber === "N-24112")).toMatchObject({ color: "Gul", status: "sold" });
  });

  it("imports BOM, Windows-1252 and quoted files to the same cars, keyed by plate, and marks missing cars sold", async () => {
    const first = await upload(fixture("a-utf8-bom-semicolon-no.csv"), "", t.key);
    expect(first.body).toMatchObject({ applied: true, created: 12, failed: 0 });
    const again = await upload(fixture("b-windows-1252-semicolon-no.csv"), "", t.key);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    const cars = await carsOf(t);
    expect(cars.find((c) => c.registrationNumber === "EE40916")).toMatchObject({
      make: "Citroën",
      model: "ë-C4",
      color: "Blå",
    });
    // The English file adds stock numbers and descriptions to the same cars (matched by plate).
    const english = await upload(fixture("c-comma-quoted-en.csv"), "?mark_missing_sold=1", t.key);
    expect(english.body).toMatchObject({ created: 0, updated: 12, failed: 0 });
    const after = await carsOf(t);
    expect(after.find((c) => c.stockNumber === "N-24001")!.description).toContain("\nWinter wheels");
    // The nine cars of the broken file that are not in the English file are now sold; its sold one stays sold.
    expect(english.body).toMatchObject({ markedSold: 8 });
    const runs = await withTenant(t.dealership.id, (tx) =>
      tx.select().from(vehicleImportRuns).where(eq(vehicleImportRuns.dealershipId, t.dealership.id)),
    );
    expect(runs.length).toBeGreaterThanOrEqual(5);
  });

  it("remembers the column mapping per dealership", async () => {
    await upload(
      "Merke;Modell;Notat\nVolvo;V60;hei",
      `?mapping=${encodeURIComponent(JSON.stringify({ Notat: "description" }))}`,
      t.key,
    );
    const preview = await upload("Merke;Modell;Notat\nVolvo;V90;x", "?preview=1", t.key);
    expect(preview.body.mapping).toEqual({ Merke: "make", Modell: "model", Notat: "description" });
    const other = await upload("Merke;Modell;Notat\nVolvo;V90;x", "?preview=1", b.key);
    expect(other.body.mapping.Notat).toBe("");
  });

  it("answers 413 for a 50 MB upload and 403 for a rep", async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    expect((await upload(big, "", t.key)).status).toBe(413);
    const rep = await createTestUser(t.dealership.id, { role: "sales_rep" });
    signedIn = { ...t.session, userId: rep.id, role: "sales_rep" };
    const res = await importRoute(
      new Request("http://localhost/api/vehicles/import", { method: "POST", body: "Merke;Modell\nA;B" }),
      ctx({}),
    );
    expect(res.status).toBe(403);
    signedIn = null;
  });

  it("exports CSV that imports back unchanged", async () => {
    const res = await exportRoute(
      new Request("http://localhost/api/vehicles/export", { headers: { authorization: `Bearer ${t.key}` } }),
      ctx({}),
    );
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = Buffer.from(await res.arrayBuffer());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const back = await upload(csv, "", t.key);
    // The car of the mapping test has no stock number, plate or VIN: it cannot be matched, and the import says so.
    expect(back.body).toMatchObject({ applied: true, created: 1, updated: 0, failed: 0 });
    expect(back.body.warnings).toHaveLength(1);
    expect(back.body.unchanged).toBe((await carsOf(t)).filter((c) => !c.deletedAt).length - 2);
  });
});
