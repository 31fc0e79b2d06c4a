import { sql } from "drizzle-orm";
import { DEFAULT_BUSINESS_HOURS } from "../../db/schema/dealerships.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { BUSINESS_HOURS_AUDIT_ACTION, ONBOARDING_STEPS, type OnboardingStepKey } from "./onboarding-steps.ts";

export type OnboardingChecklist = {
  steps: { key: OnboardingStepKey; href: string; done: boolean }[];
  done: number;
  total: number;
  dismissed: boolean;
  /** Shown: not hidden by "Skjul" and not every step done. */
  visible: boolean;
};

type Row = Record<OnboardingStepKey, boolean> & { dismissed: boolean };

/** Which onboarding steps the dealership has done, each read from the rows that prove it (one round trip). */
export async function getOnboardingChecklist(tenant: Tenant): Promise<OnboardingChecklist> {
  return withTenant(tenant.dealershipId, (tx) => readOnboardingChecklist(tx));
}

/** getOnboardingChecklist inside the caller's transaction (the welcome e-mail). */
export async function readOnboardingChecklist(tx: TenantTx): Promise<OnboardingChecklist> {
  const d = tx.dealershipId;
  const { rows } = await tx.execute<Row>(sql`
    select
      exists (
        select 1 from webhook_requests w left join leads l on l.id = w.lead_id and l.dealership_id = ${d}
        where w.dealership_id = ${d} and w.source = 'form' and w.status_code < 300 and not coalesce(l.is_test, false)
      ) or exists (
        select 1 from leads where dealership_id = ${d} and source = 'website' and not is_test
      ) as "websiteForm",
      exists (select 1 from emails where dealership_id = ${d} and intake <> 'upload') as "emailForwarding",
      exists (select 1 from facebook_pages where dealership_id = ${d} and status = 'active') as "facebook",
      exists (select 1 from vehicles where dealership_id = ${d}) as "inventory",
      exists (
        select 1 from users where dealership_id = ${d} and role = 'sales_rep' and is_active
          and phone is not null and phone_verified_at is not null
      ) as "reps",
      (select business_hours <> ${JSON.stringify(DEFAULT_BUSINESS_HOURS)}::jsonb from dealerships where id = ${d})
        or exists (
          select 1 from audit_log where dealership_id = ${d} and action = ${BUSINESS_HOURS_AUDIT_ACTION}
        ) as "businessHours",
      exists (select 1 from leads where dealership_id = ${d} and is_test) as "testLead",
      (select onboarding_dismissed_at is not null from dealerships where id = ${d}) as "dismissed"`);
  const row = rows[0]!;
  const steps = ONBOARDING_STEPS.map((s) => ({ key: s.key, href: s.href, done: Boolean(row[s.key]) }));
  const done = steps.filter((s) => s.done).length;
  const dismissed = Boolean(row.dismissed);
  return { steps, done, total: steps.length, dismissed, visible: !dismissed && done < steps.length };
}
