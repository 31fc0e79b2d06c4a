import { and, eq, inArray } from "drizzle-orm";
import { facebookLeadDeliveries } from "../../db/schema/facebook.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";

/**
 * "Prøv igjen" on a failed (or waiting) Meta delivery: back to pending with a fresh fetch job, in one
 * transaction. A processed delivery is not fetched twice; another dealership's id is a 404.
 */
export async function retryFacebookDelivery(session: Session, deliveryId: string): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    const [row] = await tx
      .update(facebookLeadDeliveries)
      .set({ status: "pending", error: null })
      .where(
        and(
          eq(facebookLeadDeliveries.id, deliveryId),
          eq(facebookLeadDeliveries.dealershipId, session.dealershipId),
          inArray(facebookLeadDeliveries.status, ["failed", "waiting"]),
        ),
      )
      .returning({ id: facebookLeadDeliveries.id });
    if (!row) throw new AppError("not_found", "Leveransen finnes ikke eller er allerede behandlet");
    await enqueue("facebook.fetch-lead", { deliveryId, dealershipId: session.dealershipId }, { tx });
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "facebook.delivery_retried",
      targetType: "facebook_lead_delivery",
      targetId: deliveryId,
    });
  });
}
