import { and, eq, isNull, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";

/** "Skjul": hides the onboarding checklist for the whole dealership (the steps stay detectable). */
export async function dismissOnboarding(session: Session): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    const stamped = await tx
      .update(dealerships)
      .set({ onboardingDismissedAt: sql`now()` })
      .where(and(eq(dealerships.id, session.dealershipId), isNull(dealerships.onboardingDismissedAt)))
      .returning({ id: dealerships.id });
    if (stamped.length === 0) return;
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.onboarding.dismissed",
      targetType: "dealership",
      targetId: session.dealershipId,
    });
  });
}
