import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { createTestTenant, type TestTenant } from "../helpers/factories.ts";

// With Clerk, members and roles are Clerk's (its member UI; webhooks sync them): our team actions refuse.
vi.mock(import("../../env.ts"), async (importOriginal) => ({
  ...(await importOriginal()),
  isClerkEnabled: () => true,
}));
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const team = await import("../../app/(dashboard)/settings/team/actions.ts");

let shop: TestTenant;
beforeAll(async () => {
  shop = await createTestTenant("Clerkbil AS");
});
afterAll(() => closeDb());

describe("team in Clerk mode", () => {
  it("refuses role changes and deactivation: Clerk owns membership", async () => {
    signedIn = await shop.as("admin");
    const rep = await shop.as("sales_rep");
    const refused = { ok: false, error: "Medlemmer og roller endres i Clerk når Clerk er slått på" };
    expect(await team.changeMemberRoleAction(null, { userId: rep.userId, role: "manager" })).toEqual(refused);
    expect(await team.deactivateMemberAction(null, { userId: rep.userId })).toEqual(refused);
    expect(await team.reactivateMemberAction(null, { userId: rep.userId })).toEqual(refused);
  });
});
