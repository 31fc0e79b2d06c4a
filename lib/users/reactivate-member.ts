import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { assertBuiltInTeam, loadMemberForChange, TEAM_LOCK } from "./lock-team.ts";
import type { memberIdInput } from "./schemas.ts";

/** Admin: a deactivated member may sign in again (with their old password; their leads stay where they went). */
export async function reactivateMember(session: Session, input: z.output<typeof memberIdInput>) {
  assertBuiltInTeam();
  return withTenant(
    session.dealershipId,
    async (tx) => {
      const member = await loadMemberForChange(tx, session, input.userId);
      if (member.isActive) return { userId: member.id, changed: false };
      await tx
        .update(users)
        .set({ isActive: true, updatedAt: sql`now()` })
        .where(and(eq(users.id, member.id), eq(users.dealershipId, session.dealershipId)));
      await recordAudit(tx, {
        dealershipId: session.dealershipId,
        actorType: "user",
        actorUserId: session.userId,
        action: "user.reactivated",
        targetType: "user",
        targetId: member.id,
        data: { role: member.role },
      });
      return { userId: member.id, changed: true };
    },
    { lock: [TEAM_LOCK] },
  );
}
