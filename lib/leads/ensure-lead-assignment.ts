import { and, eq, sql } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../db/tenant.ts";
import { nextSalesRep } from "./pick-sales-rep.ts";

/**
 * Before the rep is texted: keep an assignment to an active user, else the next sales rep in the round robin,
 * else a manager (or admin) so somebody owns the lead. The caller holds the dealership's "assign" lock
 * (withTenant's `lock`), so two leads arriving together cannot both go to the same "least recent" rep.
 */
export async function ensureLeadAssignment(
  tx: Tx,
  dealershipId: string,
  leadId: string,
  current: string | null,
): Promise<{ userId: string | null; name: string | null; changed: boolean }> {
  if (current) {
    const [active] = await tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, current), eq(users.dealershipId, dealershipId), eq(users.isActive, true)));
    if (active) return { userId: current, name: active.name, changed: false };
  }
  const [manager] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.dealershipId, dealershipId),
        eq(users.isActive, true),
        sql`${users.role} in ('manager', 'admin')`,
      ),
    )
    .orderBy(sql`${users.role} = 'admin'`, users.createdAt)
    .limit(1);
  const [updated] = await tx
    .update(leads)
    .set({ assignedTo: sql`coalesce(${nextSalesRep(tx, dealershipId)}, ${manager?.id ?? null}::uuid)` })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
    .returning({
      assignedTo: leads.assignedTo,
      name: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${leads.assignedTo})`,
    });
  const userId = updated?.assignedTo ?? null;
  return { userId, name: updated?.name ?? null, changed: userId !== current };
}
