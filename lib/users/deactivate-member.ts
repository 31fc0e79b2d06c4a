import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { revokeUserSessions } from "../auth/sessions.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { ASSIGN_LOCK, assignLeadWithin } from "../leads/assign-lead.ts";
import { assertAnotherActiveAdmin, assertBuiltInTeam, loadMemberForChange, TEAM_LOCK } from "./lock-team.ts";
import type { memberIdInput } from "./schemas.ts";

/** Statuses a lead is still being worked in: these move to another rep when their owner leaves. */
export const OPEN_LEAD_STATUSES = ["new", "contacted", "qualified"] as const;

/**
 * Admin: a member leaves. They can no longer sign in, their sessions end at once, and their open leads go to the
 * next rep in the round robin (each with a timeline event). The row stays, so history keeps their name. The last
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
      const reassigned = await reassignOpenLeads(tx, session, member);
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

async function reassignOpenLeads(tx: TenantTx, session: Session, member: { id: string; name: string }) {
  const open = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.dealershipId, tx.dealershipId),
        eq(leads.assignedTo, member.id),
        inArray(leads.status, [...OPEN_LEAD_STATUSES]),
      ),
    )
    .orderBy(leads.createdAt);
  for (const lead of open) {
    // The member is inactive now, so the round robin does not keep them: next rep, else a manager or admin.
    const assignment = await assignLeadWithin(tx, lead.id);
    await tx.insert(leadEvents).values({
      dealershipId: tx.dealershipId,
      leadId: lead.id,
      type: "lead.reassigned",
      actorType: "user",
      actorUserId: session.userId,
      data: {
        reason: "member_deactivated",
        from: member.id,
        fromName: member.name,
        to: assignment.userId,
        toName: assignment.name,
      },
    });
  }
  return open.length;
}
