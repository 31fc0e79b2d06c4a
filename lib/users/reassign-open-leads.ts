import { and, eq, inArray } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { ASSIGN_LOCK, assignLeadWithin } from "../leads/assign-lead.ts";

/** Statuses a lead is still being worked in: these move to another rep when their owner leaves. */
export const OPEN_LEAD_STATUSES = ["new", "contacted", "qualified"] as const;

/** Who moved the leads: an admin deactivating a member, or the system mirroring Clerk. */
export type ReassignActor = { actorType: "user"; actorUserId: string } | { actorType: "system" };

/**
 * Building block (the caller holds the ASSIGN_LOCK, and the member is already inactive): each of the member's open
 * leads goes to the next rep in the round robin, with a timeline event, and the new owner is told through
 * rep.notify (after commit, by their own notification switches).
 */
export async function reassignOpenLeadsWithin(
  tx: TenantTx,
  member: { id: string; name: string },
  actor: ReassignActor,
): Promise<number> {
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
      ...actor,
      data: {
        reason: "member_deactivated",
        from: member.id,
        fromName: member.name,
        to: assignment.userId,
        toName: assignment.name,
      },
    });
    if (assignment.userId)
      await enqueue(
        "rep.notify",
        { leadId: lead.id, dealershipId: tx.dealershipId, reason: "reassigned", toUserId: assignment.userId },
        { tx },
      );
  }
  return open.length;
}

/**
 * The team.reassign-leads job: a member who left through Clerk (membership or user deleted) hands over their open
 * leads like one deactivated in Settings → Team. Skips a member who is active again by the time it runs.
 */
export async function reassignLeadsOfInactiveMember(tenant: Tenant, input: { userId: string }) {
  return withTenant(
    tenant.dealershipId,
    async (tx) => {
      const [member] = await tx
        .select({ id: users.id, name: users.name, isActive: users.isActive })
        .from(users)
        .where(and(eq(users.id, input.userId), eq(users.dealershipId, tx.dealershipId)));
      if (!member || member.isActive) return { reassigned: 0 };
      return { reassigned: await reassignOpenLeadsWithin(tx, member, { actorType: "system" }) };
    },
    { lock: [ASSIGN_LOCK] },
  );
}
