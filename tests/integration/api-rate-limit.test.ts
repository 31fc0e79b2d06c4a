import { afterAll, expect, it } from "vitest";

// Its own file (own process): a tiny per-key limit, read once by getEnv().
process.env.API_RATE_LIMIT_PER_MINUTE = "3";
const { GET } = await import("../../app/api/leads/route.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { createTestAdminWithKey } = await import("../helpers/factories.ts");
afterAll(() => closeDb());

it("limits the API per key: the fourth call in a minute is 429 with Retry-After, another key is unaffected", async () => {
  const [a, b] = [await createTestAdminWithKey("Rate A"), await createTestAdminWithKey("Rate B")];
  const call = (key: string) =>
    GET(new Request("http://localhost/api/leads", { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({}),
    } as never);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(a.key)).status);
  // Unless the minute turned over between the calls, the fourth is refused.
  expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  const fourth = await call(a.key);
  expect([statuses[3], fourth.status]).toContain(429);
  if (fourth.status === 429) expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await call(b.key)).status).toBe(200);
});
