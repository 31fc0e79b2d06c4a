import { afterAll, beforeAll, vi } from "vitest";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { type TestTenant, createTestTenant } from "./factories.ts";

// The dashboard's lead actions through tenantAction, with only the request context replaced: who is signed in
// (signIn) and cache revalidation. Import this module before the actions (`await import(...)` after it).
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

/** Who the next action runs as; null is signed out. */
export function signIn(session: Session | null) {
  signedIn = session;
}

// Live bindings: set in beforeAll, read by the tests through their imports.
export let fjordbil: TestTenant;
export let vestland: TestTenant;
export let rep: Session;
export let manager: Session;
/** Vestland's admin, who tries Fjordbil's ids. */
export let intruder: Session;

/** Two dealerships (Fjordbil with a rep and a manager, Vestland with an admin) and the shutdown after the file. */
export function setUpLeadActionTenants(names: { fjordbil: string; vestland: string }) {
  beforeAll(async () => {
    fjordbil = await createTestTenant(names.fjordbil);
    vestland = await createTestTenant(names.vestland);
    rep = await fjordbil.as("sales_rep");
    manager = await fjordbil.as("manager");
    intruder = await vestland.as("admin");
  });
  afterAll(async () => {
    await stopSenderBoss();
    await closeDb();
  });
}
