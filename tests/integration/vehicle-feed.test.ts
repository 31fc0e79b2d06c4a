import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema/operations.ts";
import { vehicleImportRuns } from "../../db/schema/vehicle-imports.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { leadActorOf } from "../../lib/leads/lead-actor.ts";
import { runVehicleFeed } from "../../lib/vehicles/run-vehicle-feed.ts";
import { saveVehicleFeed } from "../../lib/vehicles/save-vehicle-feed.ts";
import { vehicleFeedInput } from "../../lib/vehicles/schemas.ts";
import { createTestAdminWithKey } from "../helpers/factories.ts";

// The feed against a loopback HTTP server: the same upsert as a CSV, a run log, one alert for a failing feed, and
// the per-dealership pg-boss schedule.
const FEED = readFileSync(new URL("../fixtures/inventory-csv/feed.json", import.meta.url));
let respond: (res: import("node:http").ServerResponse) => void = (res) => res.end(FEED);
let server: Server;
let base: string;
let t: Awaited<ReturnType<typeof createTestAdminWithKey>>;

beforeAll(async () => {
  // The fake feed server is on 127.0.0.1, which fetchFeed refuses for real dealers (fetch-feed.test.ts).
  process.env.NORVALT_FEED_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
  server = createServer((_req, res) => respond(res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestAdminWithKey("Feed Bil AS");
});
afterAll(async () => {
  server.close();
  await stopSenderBoss();
  await closeDb();
});

const alerts = () =>
  withTenant(t.dealership.id, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.dealershipId, t.dealership.id),
          eq(outboxMessages.subject, "Lagerfeeden kunne ikke hentes"),
        ),
      ),
  );

describe("inventory feed", () => {
  it("saves the feed and schedules one cron job keyed by the dealership", async () => {
    const input = vehicleFeedInput.parse({
      feed_url: `${base}/feed.json`,
      feed_enabled: "on",
      feed_schedule: "every15",
      feed_mark_missing_sold: "on",
    });
    await saveVehicleFeed(leadActorOf(t.session), input);
    const schedules = await getDb().execute<{ cron: string; data: { dealershipId: string } }>(
      sql`select cron, data from pgboss.schedule where name = 'inventory.feed-sync' and key = ${t.dealership.id}`,
    );
    expect(schedules.rows).toEqual([{ cron: "*/15 * * * *", data: { dealershipId: t.dealership.id } }]);
    await saveVehicleFeed(leadActorOf(t.session), { ...input, feed_enabled: false });
    const after = await getDb().execute(
      sql`select 1 from pgboss.schedule where name = 'inventory.feed-sync' and key = ${t.dealership.id}`,
    );
    expect(after.rows).toHaveLength(0);
    await saveVehicleFeed(leadActorOf(t.session), input);
  });

  it("imports the JSON feed with the same upsert, and a second run changes nothing", async () => {
    const first = await runVehicleFeed(t.session);
    expect(first).toMatchObject({ ok: true, summary: { created: 12, failed: 0 } });
    const cars = await withTenant(t.dealership.id, (tx) =>
      tx.select().from(vehicles).where(eq(vehicles.dealershipId, t.dealership.id)),
    );
    expect(cars.find((c) => c.stockNumber === "N-24001")).toMatchObject({
      registrationNumber: "EE41237",
      fuelType: "electric",
      drivetrain: "awd",
      bodyType: "suv",
      finnCode: "398214775",
    });
    expect(await runVehicleFeed(t.session)).toMatchObject({
      ok: true,
      summary: { created: 0, updated: 0, unchanged: 12 },
    });
  });

  it("logs every failed run but alerts the admins once, until a run succeeds", async () => {
    respond = (res) => {
      res.statusCode = 500;
      res.end("nede");
    };
    expect(await runVehicleFeed(t.session)).toMatchObject({ ok: false, alerted: true });
    expect(await runVehicleFeed(t.session)).toMatchObject({ ok: false, alerted: false });
    expect(await alerts()).toHaveLength(1);
    const runs = await withTenant(t.dealership.id, (tx) =>
      tx
        .select()
        .from(vehicleImportRuns)
        .where(and(eq(vehicleImportRuns.dealershipId, t.dealership.id), eq(vehicleImportRuns.ok, false))),
    );
    expect(runs).toHaveLength(2);
    expect(runs[0]!.message).toContain("500");
    respond = (res) => res.end(FEED);
    expect(await runVehicleFeed(t.session)).toMatchObject({ ok: true });
    respond = (res) => {
      res.setHeader("content-type", "application/json");
      res.end("{broken");
    };
    expect(await runVehicleFeed(t.session)).toMatchObject({ ok: false, alerted: true });
    expect(await alerts()).toHaveLength(2);
  });
});
