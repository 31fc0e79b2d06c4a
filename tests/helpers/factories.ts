import { randomUUID } from "node:crypto";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { UserRole } from "../../db/schema/enums.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { createApiKey } from "../../lib/auth/api-keys.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";

const unique = () => randomUUID().slice(0, 8);

export async function createTestDealership(overrides: Partial<typeof dealerships.$inferInsert> = {}) {
  const id = unique();
  const [row] = await withSystem((tx) =>
    tx
      .insert(dealerships)
      .values({
        name: `Testbil ${id}`,
        slug: `testbil-${id}`,
        email: `post-${id}@testbil.no`,
        formKey: `form-${id}`,
        ...overrides,
      })
      .returning(),
  );
  return row!;
}

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "riktig-passord-123";

export async function createTestUser(
  dealershipId: string,
  overrides: Partial<typeof users.$inferInsert> & { role?: UserRole } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const [row] = await withTenant(dealershipId, async (tx) =>
    tx
      .insert(users)
      .values({
        dealershipId,
        email: `bruker-${id}@testbil.no`,
        name: `Bruker ${id}`,
        passwordHash: await cachedHash,
        // A rep with a phone in a test is one who verified it (notifyRep texts verified numbers only).
        ...(overrides.phone && !("phoneVerifiedAt" in overrides) && { phoneVerifiedAt: new Date() }),
        ...overrides,
      })
      .returning(),
  );
  return row!;
}

export async function createTestLead(
  dealershipId: string,
  overrides: Partial<typeof leads.$inferInsert> = {},
) {
  const id = unique();
  const [row] = await withTenant(dealershipId, (tx) =>
    tx
      .insert(leads)
      .values({
        dealershipId,
        source: "website",
        customerName: `Kunde ${id}`,
        customerEmail: `kunde-${id}@example.no`,
        emailNormalized: `kunde-${id}@example.no`,
        initialMessage: "Hei, er bilen fortsatt til salgs?",
        ...overrides,
      })
      .returning(),
  );
  return row!;
}

/** A dealership with an admin, the admin's dashboard session and an API key: what route tests act as. */
export async function createTestAdminWithKey(
  name: string,
  overrides: Partial<typeof dealerships.$inferInsert> = {},
) {
  const dealership = await createTestDealership({ name, ...overrides });
  const admin = await createTestUser(dealership.id, { role: "admin" });
  const session: Session = {
    userId: admin.id,
    dealershipId: dealership.id,
    role: "admin",
    name: admin.name,
    email: admin.email,
    dealershipName: name,
    via: "builtin",
  };
  const { key } = await createApiKey(session, "test");
  return { dealership, admin, session, key };
}

export type TestTenant = { id: string; as: (role: UserRole) => Promise<Session> };

/** A dealership whose `as(role)` creates a user of that role and returns their dashboard session (action tests). */
export async function createTestTenant(name: string): Promise<TestTenant> {
  const d = await createTestDealership({ name });
  return {
    id: d.id,
    as: async (role) => {
      const u = await createTestUser(d.id, { role });
      return {
        userId: u.id,
        dealershipId: d.id,
        role,
        name: u.name,
        email: u.email,
        dealershipName: name,
        via: "builtin",
      };
    },
  };
}
