import { eq, sql } from "drizzle-orm";
import { dealershipLogos, dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";

/** "Fjern logo": the stored image and `branding.logoUrl` go; replies show the dealership's name only. */
export async function removeDealershipLogo(session: Session): Promise<{ removed: boolean }> {
  return withTenant(session.dealershipId, async (tx) => {
    const deleted = await tx
      .delete(dealershipLogos)
      .where(eq(dealershipLogos.dealershipId, session.dealershipId))
      .returning({ sha256: dealershipLogos.sha256 });
    await tx
      .update(dealerships)
      .set({ branding: sql`${dealerships.branding} - 'logoUrl'`, updatedAt: sql`now()` })
      .where(eq(dealerships.id, session.dealershipId));
    if (deleted.length === 0) return { removed: false };
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.logo_removed",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: { sha256: deleted[0]!.sha256 },
    });
    return { removed: true };
  });
}
