import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "../../lib/db/client.ts";
import { isAppError } from "../../lib/errors.ts";
import { consumeRateLimit } from "../../lib/rate-limit.ts";

afterAll(() => closeDb());

async function attempt(
  key: string,
  limit: number,
  shards?: number,
  windowSeconds = 60,
  now?: Date,
): Promise<"ok" | number> {
  try {
    await consumeRateLimit(key, { limit, windowSeconds, shards, now });
    return "ok";
  } catch (err) {
    if (isAppError(err) && err.code === "rate_limited") return err.retryAfterSeconds ?? -1;
    throw err;
  }
}

describe("consumeRateLimit (Postgres sliding window)", () => {
  it("allows exactly the limit within a window, then answers with a Retry-After within the window", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await attempt(key, 5));
    expect(results.slice(0, 5)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    for (const retryAfter of results.slice(5)) {
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it("counts concurrent calls exactly (one upsert each, no lost updates)", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(key, 12)));
    expect(results.filter((r) => r === "ok")).toHaveLength(12);
  });

  it("spreads a sharded key over several rows and still admits no more than the limit in total", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 400 }, () => attempt(key, 80, 8)));
    // Each of the 8 rows admits 10; 400 random picks fill every row (P(a row gets < 10) ≈ 1e-12).
    expect(results.filter((r) => r === "ok")).toHaveLength(80);
  });

  it("does not admit a second limit's worth just after a window boundary (CI saw a fixed window do that)", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const boundary = Date.UTC(2026, 11, 3, 12, 0, 0);
    const at = (ms: number) => new Date(boundary + ms);
    const before = [];
    for (let i = 0; i < 15; i++) before.push(await attempt(key, 15, undefined, 60, at(-1000)));
    expect(before.every((r) => r === "ok")).toBe(true);
    // One second into the next window 59/60 of the previous one still counts: 1 + 15 × 59/60 > 15.
    const justAfter = await attempt(key, 15, undefined, 60, at(1000));
    expect(justAfter).toBeGreaterThanOrEqual(1);
    expect(justAfter).toBeLessThanOrEqual(60);
    // Retry-After is honest: at the time it names, the next attempt is admitted.
    expect(await attempt(key, 15, undefined, 60, at(1000 + (justAfter as number) * 1000))).toBe("ok");
  });

  it("frees up as the previous window slides out, and fully after two windows", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const boundary = Date.UTC(2026, 11, 3, 13, 0, 0);
    const at = (ms: number) => new Date(boundary + ms);
    for (let i = 0; i < 10; i++) expect(await attempt(key, 10, undefined, 60, at(-30_000))).toBe("ok");
    expect(await attempt(key, 10, undefined, 60, at(-29_000))).not.toBe("ok");
    // Halfway through the next window the previous 11 attempts count as 5.5: four more fit, the fifth does not.
    const halfway = [];
    for (let i = 0; i < 5; i++) halfway.push(await attempt(key, 10, undefined, 60, at(30_000)));
    expect(halfway.slice(0, 4)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(halfway[4]).not.toBe("ok");
    const later = [];
    for (let i = 0; i < 10; i++) later.push(await attempt(key, 10, undefined, 60, at(120_000)));
    expect(later.every((r) => r === "ok")).toBe(true);
  });
});

describe("consumeRateLimit's asynchronous commit", () => {
  it("commits its own statement without waiting for the WAL flush, and leaves the connection's setting alone", async () => {
    const { getPool } = await import("../../lib/db/client.ts");
    // One connection, set to synchronous commit for its session (the test cluster runs with it off).
    const client = await getPool().connect();
    try {
      await client.query("set synchronous_commit = on");
      // The statement shape consumeRateLimit uses: set_config(…, true) in a materialised CTE of a lone statement.
      const inside = await client.query<{ setting: string }>(
        `with async_commit as materialized (select set_config('synchronous_commit', 'off', true))
         select current_setting('synchronous_commit') as setting from async_commit`,
      );
      expect(inside.rows[0]!.setting).toBe("off");
      const after = await client.query<{ synchronous_commit: string }>("show synchronous_commit");
      expect(after.rows[0]!.synchronous_commit).toBe("on");
    } finally {
      await client.query("reset synchronous_commit");
      client.release();
    }
    const key = `test:${crypto.randomUUID()}`;
    expect(await attempt(key, 2)).toBe("ok");
    expect(await attempt(key, 2)).toBe("ok");
    expect(await attempt(key, 2)).toBeGreaterThanOrEqual(1);
  });
});
