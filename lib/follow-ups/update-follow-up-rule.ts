import { followUpRules } from "../../db/schema/follow-ups.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import type { FollowUpRuleInput } from "./schemas.ts";

/**
 * Settings → Oppfølging (admins and managers). The rule applies to leads whose first reply goes out from now on;
 * follow-ups already planned keep their times, and stop at send time if the rule is turned off or the cap lowered.
 */
export async function updateFollowUpRule(session: Session, input: FollowUpRuleInput): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    const values = { ...input, updatedAt: new Date() };
    await tx
      .insert(followUpRules)
      .values({ dealershipId: tx.dealershipId, ...values })
      .onConflictDoUpdate({ target: followUpRules.dealershipId, set: values });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "follow_up_rule.update",
      targetType: "dealership",
      targetId: tx.dealershipId,
      data: { ...input },
    });
  });
}
