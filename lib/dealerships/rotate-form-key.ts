import { and, eq, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { forgetFormDealership } from "./find-dealership-by-form-key.ts";
import { generateFormKey } from "./generate-form-key.ts";

/** Issues a new website-form key; the old webhook URL stops working at once (e.g. after it leaked to spammers). */
export async function rotateFormKey(session: Session): Promise<string> {
  const formKey = generateFormKey();
  await withTenant(session.dealershipId, async (tx) => {
    await tx
      .update(dealerships)
      .set({ formKey, updatedAt: sql`now()` })
      .where(and(eq(dealerships.id, session.dealershipId)));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.form_key_rotated",
    });
  });
  forgetFormDealership(session);
  return formKey;
}
