import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { auditLog } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { updateDealershipSettings } from "../../lib/dealerships/update-dealership-settings.ts";
import { createTestTenant, type TestTenant } from "../helpers/factories.ts";

// The one settings save with audit that Settings → AI and Settings → Samtaler og SMS share.
let shop: TestTenant;
let other: TestTenant;
let admin: Session;
beforeAll(async () => {
  shop = await createTestTenant("Innstilling Felles AS");
  other = await createTestTenant("Annen Felles AS");
  admin = await shop.as("admin");
});
afterAll(() => closeDb());

const rowOf = (id: string) =>
  withTenant(id, async (tx) => (await tx.select().from(dealerships).where(eq(dealerships.id, id)))[0]!);
const auditsOf = (id: string, action: string) =>
  withTenant(id, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, id), eq(auditLog.action, action)))
      .orderBy(auditLog.createdAt),
  );

describe("updateDealershipSettings", () => {
  it("writes only the named columns and audits what they held before and after, save after save", async () => {
    const untouched = await rowOf(shop.id);
    const save = (after: { aiHandoffAfterTurns: number; smsSenderId: string | null }) =>
      withTenant(shop.id, (tx) =>
        updateDealershipSettings(tx, { actorUserId: admin.userId, action: "test.settings_saved", after }),
      );
    await save({ aiHandoffAfterTurns: 4, smsSenderId: "Felles" });
    await save({ aiHandoffAfterTurns: 6, smsSenderId: null });

    const row = await rowOf(shop.id);
    expect(row).toMatchObject({ aiHandoffAfterTurns: 6, smsSenderId: null });
    expect({ ...row, aiHandoffAfterTurns: 0, smsSenderId: null, updatedAt: null }).toEqual({
      ...untouched,
      aiHandoffAfterTurns: 0,
      smsSenderId: null,
      updatedAt: null,
    });
    const audits = await auditsOf(shop.id, "test.settings_saved");
    expect(audits.map((a) => ({ actor: a.actorUserId, target: a.targetId, data: a.data }))).toEqual([
      {
        actor: admin.userId,
        target: shop.id,
        data: {
          before: { aiHandoffAfterTurns: untouched.aiHandoffAfterTurns, smsSenderId: untouched.smsSenderId },
          after: { aiHandoffAfterTurns: 4, smsSenderId: "Felles" },
        },
      },
      {
        actor: admin.userId,
        target: shop.id,
        data: {
          before: { aiHandoffAfterTurns: 4, smsSenderId: "Felles" },
          after: { aiHandoffAfterTurns: 6, smsSenderId: null },
        },
      },
    ]);
  });

  it("changes only the transaction's own dealership", async () => {
    const before = await rowOf(other.id);
    await withTenant(shop.id, (tx) =>
      updateDealershipSettings(tx, {
        actorUserId: admin.userId,
        action: "test.settings_saved_elsewhere",
        after: { aiHandoffAfterTurns: 9 },
      }),
    );
    expect(await rowOf(other.id)).toEqual(before);
    expect(await auditsOf(other.id, "test.settings_saved_elsewhere")).toEqual([]);
    expect((await rowOf(shop.id)).aiHandoffAfterTurns).toBe(9);
  });
});
