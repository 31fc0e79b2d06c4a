import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { authenticateApiKey, createApiKey } from "../../lib/auth/api-keys.ts";
import { createInvitation, findOpenInvitation } from "../../lib/auth/invitations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { findDealershipByFormKey } from "../../lib/dealerships/find-dealership-by-form-key.ts";
import { withSystem } from "../../lib/db/tenant.ts";
import { type TestTenant, createTestTenant } from "../helpers/factories.ts";

// The real server actions, through tenantAction. Only the two Next request-context functions are replaced:
// who is signed in (normally read from the cookie) and cache revalidation.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const actions = await import("../../app/(dashboard)/settings/actions.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Aksjon AS");
  vestland = await createTestTenant("Vestland Aksjon AS");
});
afterAll(() => closeDb());

describe("tenantAction: session and roles", () => {
  it("refuses without a session", async () => {
    signedIn = null;
    expect(await actions.createApiKeyAction(null, { name: "x" })).toEqual({
      ok: false,
      error: "Du er ikke logget inn",
    });
  });

  it.each([
    ["createApiKeyAction", { name: "Nettside" }],
    ["rotateFormKeyAction", {}],
  ] as const)("refuses %s to a sales rep and a manager", async (name, input) => {
    for (const role of ["sales_rep", "manager"] as const) {
      signedIn = await fjordbil.as(role);
      const action = actions[name] as (prev: null, input: object) => Promise<unknown>;
      expect(await action(null, input)).toEqual({ ok: false, error: "Du har ikke tilgang til dette" });
    }
  });

  it("returns field errors for invalid input instead of throwing", async () => {
    signedIn = await fjordbil.as("admin");
    const result = await actions.revokeApiKeyAction(null, { id: "not-a-uuid" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { id: [expect.any(String)] } });
  });

  it("lets an admin rotate the form key; the old key stops resolving", async () => {
    signedIn = await fjordbil.as("admin");
    const [before] = await withSystem((tx) =>
      tx.select({ k: dealerships.formKey }).from(dealerships).where(eq(dealerships.id, fjordbil.id)),
    );
    // Resolved (and cached) before the rotation, as a busy form would have it.
    expect(await findDealershipByFormKey(before!.k)).toMatchObject({ id: fjordbil.id });
    const result = await actions.rotateFormKeyAction(null, {});
    expect(result).toMatchObject({ ok: true, data: { formKey: expect.stringMatching(/^fk-/) } });
    const [after] = await withSystem((tx) =>
      tx.select({ k: dealerships.formKey }).from(dealerships).where(eq(dealerships.id, fjordbil.id)),
    );
    expect(after!.k).not.toBe(before!.k);
    expect(await findDealershipByFormKey(before!.k)).toBeNull();
    expect(await findDealershipByFormKey(after!.k)).toMatchObject({ id: fjordbil.id });
  });
});

describe("tenantAction: another dealership's ids are not found", () => {
  it("revokeApiKeyAction", async () => {
    const { id, key } = await createApiKey(await fjordbil.as("admin"), "Fjordbil-nøkkel");
    signedIn = await vestland.as("admin");
    expect(await actions.revokeApiKeyAction(null, { id })).toEqual({
      ok: false,
      error: "Fant ikke API-nøkkelen",
    });
    expect(await authenticateApiKey(key)).not.toBeNull();
  });

  it("revokeInvitationAction", async () => {
    const { invitation, token } = await createInvitation(await fjordbil.as("admin"), {
      email: `ny-${Date.now()}@fjordbil.no`,
      role: "sales_rep",
    });
    signedIn = await vestland.as("manager");
    expect(await actions.revokeInvitationAction(null, { id: invitation.id })).toEqual({
      ok: false,
      error: "Fant ikke invitasjonen",
    });
    expect(await findOpenInvitation(token)).not.toBeNull();
  });

  it("inviteMemberAction cannot hand out admin as a manager", async () => {
    signedIn = await vestland.as("manager");
    expect(
      await actions.inviteMemberAction(null, { email: `sjef-${Date.now()}@vestland.no`, role: "admin" }),
    ).toEqual({
      ok: false,
      error: "Du kan ikke invitere med denne rollen",
    });
  });
});
