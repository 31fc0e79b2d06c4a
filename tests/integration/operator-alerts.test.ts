import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem } from "../../lib/db/tenant.ts";
import { checkOperatorAlerts } from "../../lib/health/check-operator-alerts.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

afterAll(() => closeDb());

describe("checkOperatorAlerts", () => {
  it("alerts once per window when a lead waits more than 90 s for its first reply", async () => {
    // A moment of its own (far from other tests' leads and windows): 2031-03-01 10:00 UTC.
    const now = new Date("2031-03-01T10:00:00Z");
    const dealership = await createTestDealership();
    await createTestLead(dealership.id, { createdAt: new Date(now.getTime() - 60_000) });
    const logged = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await checkOperatorAlerts(now)).toEqual([]);
      await createTestLead(dealership.id, { createdAt: new Date(now.getTime() - 120_000) });
      expect(await checkOperatorAlerts(now)).toEqual(["first-reply"]);
      // Another worker (or the next run) in the same window does not alert again.
      expect(await checkOperatorAlerts(new Date(now.getTime() + 30_000))).toEqual([]);
      expect(logged.mock.calls.map((c) => String(c[0])).join("")).toMatch(
        /1 lead\(s\) waiting for a first reply/,
      );
    } finally {
      logged.mockRestore();
      await withSystem((tx) => tx.execute(sql`delete from leads where dealership_id = ${dealership.id}`));
    }
  });
});
