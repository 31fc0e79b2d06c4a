import { and, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../db/tenant.ts";

/**
 * Round robin over the dealership's active sales reps: the one whose latest assignment is oldest (never
 * assigned first). Null when the dealership has no active sales rep; a manager then picks the lead up.
 */
export async function pickSalesRep(tx: Tx, dealershipId: string): Promise<string | null> {
  const [rep] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.dealershipId, dealershipId), eq(users.role, "sales_rep"), eq(users.isActive, true)))
    .orderBy(
      sql`(select max(l.created_at) from leads l where l.dealership_id = ${dealershipId} and l.assigned_to = ${users.id}) asc nulls first`,
      users.createdAt,
    )
    .limit(1);
  return rep?.id ?? null;
}
