import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { assertAnotherActiveAdmin, assertBuiltInTeam, loadMemberForChange, TEAM_LOCK } from "./lock-team.ts";
import type { changeMemberRoleInput } from "./schemas.ts";

/** Admin: gives a member another role. The last active admin cannot be demoted (409). */
export async function changeMemberRole(session: Session, input: z.output<typeof changeMemberRoleInput>) {
  assertBuiltInTeam();
  return withTenant(
    session.dealershipId,
    async (tx) => {
      const member = await loadMemberForChange(tx, session, input.userId);
      if (member.role === input.role) return { userId: member.id, role: member.role, changed: false };
      if (member.role === "admin" && member.isActive) await assertAnotherActiveAdmin(tx, member.id);
      await tx
        .update(users)
        .set({ role: input.role, updatedAt: sql`now()` })
        .where(and(eq(users.id, member.id), eq(users.dealershipId, session.dealershipId)));
      await recordAudit(tx, {
        dealershipId: session.dealershipId,
        actorType: "user",
        actorUserId: session.userId,
        action: "user.role_changed",
        targetType: "user",
        targetId: member.id,
        data: { from: member.role, to: input.role },
      });
      return { userId: member.id, role: input.role, changed: true };
    },
    { lock: [TEAM_LOCK] },
  );
}
