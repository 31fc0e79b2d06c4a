import { eq, sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { sessions } from "../../db/schema/auth.ts";
import { webhookRequests } from "../../db/schema/operations.ts";
import { createSession } from "../../lib/auth/sessions.ts";
import { hashToken } from "../../lib/auth/tokens.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { purgeExpiredRecords } from "../../lib/maintenance/purge-expired-records.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

afterAll(() => closeDb());

it("purges expired sessions and webhook logs older than 14 days across dealerships, keeping live ones", async () => {
  const a = await createTestDealership();
  const b = await createTestDealership();
  const ua = await createTestUser(a.id);
  const ub = await createTestUser(b.id);
  await createSession(ua);
  const expired = await createSession(ub);
  await withSystem((tx) =>
    tx
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 hour'` })
      .where(eq(sessions.userId, ub.id)),
  );
  const live = await createSession(ua);
  await withSystem((tx) =>
    tx.insert(webhookRequests).values([
      {
        dealershipId: a.id,
        source: "form",
        method: "POST",
        path: "/x",
        statusCode: 200,
        createdAt: sql`now() - interval '15 days'`,
      },
      { dealershipId: b.id, source: "form", method: "POST", path: "/x", statusCode: 200 },
    ]),
  );

  const purged = await purgeExpiredRecords();
  expect(purged.sessions).toBeGreaterThanOrEqual(1);
  expect(purged.webhookRequests).toBeGreaterThanOrEqual(1);
  const left = await withTenant(b.id, (tx) => tx.select().from(sessions).where(eq(sessions.userId, ub.id)));
  expect(left).toEqual([]);
  const recent = await withTenant(b.id, (tx) =>
    tx.select().from(webhookRequests).where(eq(webhookRequests.dealershipId, b.id)),
  );
  expect(recent).toHaveLength(1);
  const kept = await withTenant(a.id, (tx) => tx.select().from(sessions).where(eq(sessions.userId, ua.id)));
  expect(kept).toHaveLength(2);
  // The session just made is among those kept, and the expired one is gone by its own id, not just by count.
  expect(kept.map((s) => s.tokenHash)).toContain(hashToken(live));
  const gone = await withSystem((tx) =>
    tx
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(expired))),
  );
  expect(gone).toEqual([]);
  // The 15-day-old webhook log of dealership a is gone, not only b's fresh one kept.
  const old = await withTenant(a.id, (tx) =>
    tx.select().from(webhookRequests).where(eq(webhookRequests.dealershipId, a.id)),
  );
  expect(old).toEqual([]);
});
