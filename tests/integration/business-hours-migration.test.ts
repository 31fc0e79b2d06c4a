import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem } from "../../lib/db/tenant.ts";
import { createTestDealership } from "../helpers/factories.ts";

// Migration 0010 converts stored opening hours from { mon: {open, close} | null } to { mon: [{open, close}] }.
// Its UPDATE is run here on rows in the old shape, the new shape and a mix, twice (idempotent).
const migration = readFileSync(
  new URL("../../db/migrations/0010_business_hours_intervals.sql", import.meta.url),
  "utf8",
);
const update = migration
  .split("--> statement-breakpoint")
  .map((s) => s.trim())
  .find((s) => s.includes("UPDATE"))!
  .replace(/^--.*$/gm, "")
  .trim();

afterAll(() => closeDb());

const setRaw = (id: string, hours: unknown) =>
  withSystem((tx) =>
    tx.execute(sql`update dealerships set business_hours = ${JSON.stringify(hours)}::jsonb where id = ${id}`),
  );
const hoursOf = async (id: string) =>
  (await withSystem((tx) => tx.select().from(dealerships).where(eq(dealerships.id, id))))[0]!.businessHours;

describe("migration 0010: business hours as intervals", () => {
  it("converts the old shape, keeps the new one, and can run twice", async () => {
    const old = await createTestDealership();
    const current = await createTestDealership();
    const mixed = await createTestDealership();
    await setRaw(old.id, {
      mon: { open: "09:00", close: "17:00" },
      tue: null,
      wed: { open: "08:00", close: "16:00" },
      thu: null,
      fri: null,
      sat: { open: "10:00", close: "15:00" },
      sun: null,
    });
    const newShape = {
      ...current.businessHours,
      tue: [
        { open: "09:00", close: "11:00" },
        { open: "12:00", close: "16:00" },
      ],
    };
    await setRaw(current.id, newShape);
    await setRaw(mixed.id, {
      mon: [{ open: "09:00", close: "17:00" }],
      tue: { open: "07:00", close: "15:00" },
    });

    for (let run = 0; run < 2; run++) await withSystem((tx) => tx.execute(sql.raw(update)));

    expect(await hoursOf(old.id)).toEqual({
      mon: [{ open: "09:00", close: "17:00" }],
      tue: [],
      wed: [{ open: "08:00", close: "16:00" }],
      thu: [],
      fri: [],
      sat: [{ open: "10:00", close: "15:00" }],
      sun: [],
    });
    expect(await hoursOf(current.id)).toEqual(newShape);
    expect(await hoursOf(mixed.id)).toEqual({
      mon: [{ open: "09:00", close: "17:00" }],
      tue: [{ open: "07:00", close: "15:00" }],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    });
  });
});
