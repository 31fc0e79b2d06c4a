import { and, eq, inArray } from "drizzle-orm";
import { followUps } from "../../db/schema/follow-ups.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { failUnsentMessage } from "../messaging/mark-customer-message-failed.ts";

/**
 * The followup.send job's last attempt failed (issue 24: nothing stays half-processed): a follow-up still on its
 * way (queued, drafting, sending) ends cancelled with `send_failed`, so the lead page says it was not sent and the
 * next sweep does not pick it up again, and its message, if one was stored but never reached the vendor, is
 * marked failed with the reason. A follow-up is a nudge on a timetable; resending it later would arrive out of
 * step, so the lead page offers no retry for it and the rep can write themselves. False when nothing was open.
 */
export async function markFollowUpFailed(
  tenant: Tenant,
  input: { followUpId: string; reason: string },
): Promise<boolean> {
  const { dealershipId } = tenant;
  return withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .update(followUps)
      .set({ status: "cancelled", stopReason: "send_failed", updatedAt: new Date() })
      .where(
        and(
          eq(followUps.id, input.followUpId),
          eq(followUps.dealershipId, dealershipId),
          inArray(followUps.status, ["queued", "drafting", "sending"]),
        ),
      )
      .returning({ conversationId: followUps.conversationId });
    if (!row) return false;
    if (row.conversationId)
      await failUnsentMessage(tx, { conversationId: row.conversationId, reason: input.reason });
    return true;
  });
}
