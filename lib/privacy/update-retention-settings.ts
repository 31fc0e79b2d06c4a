import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { Session } from "../auth/session-types.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";

/** The dealership's retention period (months without activity before a lead is anonymised). */
export async function getRetentionMonths(session: Session): Promise<number> {
  const [row] = await withTenant(session.dealershipId, (tx) =>
    tx
      .select({ months: dealerships.retentionMonths })
      .from(dealerships)
      .where(eq(dealerships.id, tx.dealershipId)),
  );
  return row?.months ?? 24;
}

export async function updateRetentionSettings(session: Session, input: { retentionMonths: number }) {
  await withTenant(session.dealershipId, async (tx) => {
    const [before] = await tx
      .select({ months: dealerships.retentionMonths })
      .from(dealerships)
      .where(eq(dealerships.id, tx.dealershipId));
    await tx
      .update(dealerships)
      .set({ retentionMonths: input.retentionMonths, updatedAt: new Date() })
      .where(eq(dealerships.id, tx.dealershipId));
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "settings.retention_updated",
      targetType: "dealership",
      targetId: tx.dealershipId,
      data: { from: before?.months ?? null, to: input.retentionMonths },
    });
  });
}
