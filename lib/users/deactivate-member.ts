import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { revokeUserSessions } from "../auth/sessions.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { ASSIGN_LOCK } from "../leads/assign-lead.ts";
import { assertAnotherActiveAdmin, assertBuiltInTeam, loadMemberForChange, TEAM_LOCK } from "./lock-team.ts";
import { reassignOpenLeadsWithin } from "./reassign-open-leads.ts";
import type { memberIdInput } from "./schemas.ts";

/**
 * Admin: a member leaves. They can no longer sign in, their sessions end at once, and their open leads go to the
 * next rep in the round robin (each with a timeline event, the new owner texted or e-mailed). The row stays, so history keeps their name. The last
 * active admin cannot be deactivated (409), nor can an admin deactivate themselves.
 */
export async function deactivateMember(session: Session, input: z.output<typeof memberIdInput>) {
  assertBuiltInTeam();
  if (input.userId === session.userId)
    throw new AppError("conflict", "Du kan ikke deaktivere deg selv", {
      fieldErrors: { userId: ["Du kan ikke deaktivere deg selv"] },
    });
  const result = await withTenant(
    session.dealershipId,
    async (tx) => {
      const member = await loadMemberForChange(tx, session, input.userId);
      if (!member.isActive) return { userId: member.id, changed: false, reassigned: 0 };
      if (member.role === "admin") await assertAnotherActiveAdmin(tx, member.id);
      await tx
        .update(users)
        .set({ isActive: false, updatedAt: sql`now()` })
        .where(and(eq(users.id, member.id), eq(users.dealershipId, session.dealershipId)));
      const reassigned = await reassignOpenLeadsWithin(tx, member, {
        actorType: "user",
        actorUserId: session.userId,
      });
      await recordAudit(tx, {
        dealershipId: session.dealershipId,
        actorType: "user",
        actorUserId: session.userId,
        action: "user.deactivated",
        targetType: "user",
        targetId: member.id,
        data: { role: member.role, reassignedLeads: reassigned },
      });
      return { userId: member.id, changed: true, reassigned };
    },
    // ASSIGN_LOCK last, as every taker orders it: the round robin sees one assignment at a time.
    { lock: [TEAM_LOCK, ASSIGN_LOCK] },
  );
  // findSessionByToken already refuses an inactive user; revoking makes it stick if they are reactivated.
  if (result.changed) await revokeUserSessions(session, input.userId);
  return result;
}
