import type { Tenant } from "../db/tenant.ts";
import { withTenant } from "../db/tenant.ts";
import type { FollowUpRule } from "./default-rule.ts";
import { getFollowUpRule } from "./get-follow-up-rule.ts";

/** Settings → Oppfølging's form values. */
export async function getFollowUpSettings(tenant: Tenant): Promise<FollowUpRule> {
  return withTenant(tenant.dealershipId, (tx) => getFollowUpRule(tx));
}
