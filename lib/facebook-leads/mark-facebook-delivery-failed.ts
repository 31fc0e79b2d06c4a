import { and, eq, inArray } from "drizzle-orm";
import { facebookLeadDeliveries } from "../../db/schema/facebook.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

/**
 * The last word when the `facebook.fetch-lead` job fails for good (Graph down past every retry, a lead the
 * database refused, a worker that kept dying): a delivery still pending is marked failed with the reason, so it
 * shows under Settings → Integrations with "Prøv igjen" instead of staying pending forever.
 */
export async function markFacebookDeliveryFailed(
  tenant: Tenant,
  input: { deliveryId: string; reason: string },
): Promise<boolean> {
  const updated = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .update(facebookLeadDeliveries)
      .set({ status: "failed", error: `Ga opp etter flere forsøk: ${input.reason}`.slice(0, 2_000) })
      .where(
        and(
          eq(facebookLeadDeliveries.id, input.deliveryId),
          eq(facebookLeadDeliveries.dealershipId, tenant.dealershipId),
          inArray(facebookLeadDeliveries.status, ["pending"]),
        ),
      )
      .returning({ id: facebookLeadDeliveries.id }),
  );
  return updated.length > 0;
}
