import { eq } from "drizzle-orm";
import { followUpRules } from "../../db/schema/follow-ups.ts";
import type { TenantTx } from "../db/tenant.ts";
import { DEFAULT_FOLLOW_UP_RULE, type FollowUpRule } from "./default-rule.ts";

/** The dealership's follow-up rule in the caller's transaction; the defaults until it saves one. */
export async function getFollowUpRule(tx: TenantTx): Promise<FollowUpRule> {
  const [row] = await tx.select().from(followUpRules).where(eq(followUpRules.dealershipId, tx.dealershipId));
  if (!row) return DEFAULT_FOLLOW_UP_RULE;
  return {
    enabled: row.enabled,
    steps: row.steps,
    afterLast: row.afterLast,
    closeAfterDays: row.closeAfterDays,
    maxPerLead: row.maxPerLead,
    approvalHours: row.approvalHours,
  };
}
