import { and, count, eq } from "drizzle-orm";
import type { dealerships } from "../../db/schema/dealerships.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import type { leads } from "../../db/schema/leads.ts";
import type { TenantTx } from "../db/tenant.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import type { FollowUpRule } from "./default-rule.ts";

type FollowUpRow = typeof followUps.$inferSelect;

/**
 * Why this follow-up must not go out now, read from the data in the caller's transaction (after it took the lead's
 * and the follow-up's locks), or null. The stop triggers (migration 0016) cancel on the event itself; this is the
 * same rule read from the state, for whatever happened before the plan existed or outside a trigger (a rule turned
 * off, the cap lowered).
 */
export async function findStopReason(
  tx: TenantTx,
  followUp: FollowUpRow,
  lead: typeof leads.$inferSelect,
  dealership: typeof dealerships.$inferSelect,
  rule: FollowUpRule,
): Promise<string | null> {
  if (lead.duplicateOfLeadId) return "merged";
  if (lead.status !== "contacted") return "status_changed";
  if (lead.followUpsOff) return "switched_off";
  if (lead.aiPaused) return "ai_paused";
  if (dealership.aiMode === "off") return "ai_off";
  if (!rule.enabled) return "rule_off";
  if (lead.lastInboundAt && lead.lastInboundAt > followUp.createdAt) return "customer_replied";
  if (lead.humanRespondedAt && lead.humanRespondedAt > followUp.createdAt) return "manual_message";
  if (followUp.kind === "close") return null;
  const suppressed = await isSuppressed(tx, { email: lead.emailNormalized, phone: lead.phoneNormalized });
  if (suppressed.email || suppressed.sms || lead.unsubscribedAt) return "suppressed";
  if (followUp.channel === "email" && !lead.customerEmail) return "no_address";
  if (followUp.channel === "sms" && !(lead.customerPhone && lead.consentMarketing)) return "no_consent";
  const [sent] = await tx
    .select({ n: count() })
    .from(followUps)
    .where(
      and(
        eq(followUps.dealershipId, tx.dealershipId),
        eq(followUps.leadId, lead.id),
        eq(followUps.kind, "message"),
        eq(followUps.status, "sent"),
      ),
    );
  if ((sent?.n ?? 0) >= rule.maxPerLead) return "cap_reached";
  return null;
}
