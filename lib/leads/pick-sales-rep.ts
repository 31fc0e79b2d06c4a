import { and, eq, sql, type SQL } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../db/tenant.ts";

/**
 * Round robin over the dealership's active sales reps: the one whose latest assignment is oldest (never
 * assigned first). Null when the dealership has no active sales rep; a manager then picks the lead up.
 * A subquery, so the insert that creates a lead picks its rep in the same statement (no extra round trip).
 */
export function nextSalesRep(tx: Tx, dealershipId: string): SQL<string | null> {
  const latestAssignment = tx
    .select({ at: sql`max(${leads.createdAt})` })
    .from(leads)
    .where(and(eq(leads.dealershipId, dealershipId), eq(leads.assignedTo, users.id)));
  const rep = tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.dealershipId, dealershipId), eq(users.role, "sales_rep"), eq(users.isActive, true)))
    .orderBy(sql`(${latestAssignment}) asc nulls first`, users.createdAt)
    .limit(1);
  return sql<string | null>`(${rep})`;
}
