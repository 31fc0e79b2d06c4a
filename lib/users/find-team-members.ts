import { asc, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../db/tenant.ts";

export async function findTeamMembers(tx: Tx, dealershipId: string) {
  return tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      isActive: users.isActive,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(eq(users.dealershipId, dealershipId))
    .orderBy(asc(users.name));
}
