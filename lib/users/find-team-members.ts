import { asc, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

/** Everyone in the dealership, active or not, by name. */
export async function findTeamMembers(tenant: Tenant) {
  return withTenant(tenant.dealershipId, (tx) =>
    tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        isActive: users.isActive,
        phone: users.phone,
        phoneVerifiedAt: users.phoneVerifiedAt,
        lastLoginAt: users.lastLoginAt,
      })
      .from(users)
      .where(eq(users.dealershipId, tenant.dealershipId))
      .orderBy(asc(users.name)),
  );
}
