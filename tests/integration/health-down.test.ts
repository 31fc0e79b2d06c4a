import { afterAll, expect, it } from "vitest";

// Its own file (own process): this test points the pool at a port where no database listens.
process.env.DATABASE_URL = "postgres://norvalt_app:x@127.0.0.1:1/norvalt";
const { GET } = await import("../../app/api/health/route.ts");
const { closeDb } = await import("../../lib/db/client.ts");
afterAll(() => closeDb());

it("answers 503 naming the failed check when the database is unreachable", async () => {
  const res = await GET();
  expect(res.status).toBe(503);
  const body = await res.json();
  expect(body).toMatchObject({ ok: false, db: { ok: false, error: "unavailable" }, queue: { ok: false } });
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
});
