import { and, eq, inArray, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import type { TenantTx } from "../db/tenant.ts";

// AI messages that have not reached the vendor yet (as in lib/conversations/cancel-unsent-ai-messages.ts): the
// send jobs only send pending or failed messages, so a cancelled one stays unsent even if its job still runs.
const UNSENT = ["draft", "held", "pending", "failed"] as const;

/**
 * A car that was available is now reserved or sold: AI replies written while it was available and not sent yet
 * (a draft waiting for approval, a message held or queued) cite it as for sale, so they are stopped. The lead
 * shows "Bilen er solgt", and the rep answers. Runs in the transaction that changes the status. Returns how many
 * messages were stopped.
 */
export async function stopWithdrawnOffers(tx: TenantTx, vehicleIds: string[]): Promise<number> {
  if (vehicleIds.length === 0) return 0;
  const stopped = await tx
    .update(conversations)
    .set({ deliveryStatus: "cancelled", deliveryError: "vehicle_withdrawn" })
    .where(
      and(
        eq(conversations.dealershipId, tx.dealershipId),
        eq(conversations.senderType, "ai"),
        eq(conversations.direction, "outbound"),
        inArray(conversations.deliveryStatus, [...UNSENT]),
        sql`jsonb_typeof(${conversations.metadata} -> 'citedVehicleIds') = 'array'`,
        sql`${conversations.metadata} -> 'citedVehicleIds' ?| ${sql.raw(
          `array[${vehicleIds.map((id) => `'${id.replace(/[^0-9a-f-]/gi, "")}'`).join(", ")}]`,
        )}`,
      ),
    )
    .returning({ id: conversations.id });
  return stopped.length;
}
