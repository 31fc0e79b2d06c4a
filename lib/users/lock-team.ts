import { and, eq, ne, sql } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import { isClerkEnabled } from "../../env.ts";
import type { Session } from "../auth/session-types.ts";
import type { TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { LAST_ADMIN_MESSAGE } from "./schemas.ts";

/**
 * The lock key every change to who is an active admin takes (withTenant's `lock`): two admins demoting each other
 * at the same moment run one after the other, and the second sees the first's change, so the dealership never
 * ends up with no active admin.
 */
export const TEAM_LOCK = "team";

export type Member = typeof users.$inferSelect;

/**
 * Inside a transaction holding TEAM_LOCK: the actor must still be an active admin (they may have been demoted a
 * moment ago by the other admin), and the target must be one of this dealership's users (else not found).
 */
export async function loadMemberForChange(tx: TenantTx, session: Session, userId: string): Promise<Member> {
  const rows = await tx
    .select()
    .from(users)
    .where(and(eq(users.dealershipId, tx.dealershipId), sql`${users.id} in (${session.userId}, ${userId})`))
    .for("update");
  const actor = rows.find((u) => u.id === session.userId);
  if (!actor || !actor.isActive || actor.role !== "admin")
    throw new AppError("forbidden", "Du har ikke tilgang til dette");
  const target = rows.find((u) => u.id === userId);
  if (!target) throw new AppError("not_found", "Fant ikke brukeren");
  return target;
}

/** 409 when `userId` is the dealership's last active admin (to be demoted or deactivated). */
export async function assertAnotherActiveAdmin(tx: TenantTx, userId: string): Promise<void> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.dealershipId, tx.dealershipId),
        eq(users.role, "admin"),
        eq(users.isActive, true),
        ne(users.id, userId),
      ),
    );
  if ((row?.n ?? 0) === 0)
    throw new AppError("conflict", LAST_ADMIN_MESSAGE, { fieldErrors: { userId: [LAST_ADMIN_MESSAGE] } });
}

/** With Clerk, membership and roles live in the Clerk organization (its own member UI; webhooks sync them here). */
export function assertBuiltInTeam(): void {
  if (isClerkEnabled())
    throw new AppError("conflict", "Medlemmer og roller endres i Clerk når Clerk er slått på");
}
