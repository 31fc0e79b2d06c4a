import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { hoursConfigOf, isOpenAt } from "../business-hours/opening-hours.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { describeWhenWeCall } from "../responder/business-hours.ts";
import { composeFollowUp } from "../responder/compose-follow-up.ts";
import type { ReplyContext } from "../responder/reply-types.ts";
import { getFollowUpRule } from "./get-follow-up-rule.ts";

/** A sample customer's inquiry for Settings → Oppfølging's preview (no lead is stored). */
const SAMPLE_INQUIRY = "Hei! Jeg ser etter en familiebil, gjerne elbil. Har dere noe?";
const SAMPLE_LEAD = {
  customerName: "Kari Nordmann",
  vehicleInterest: null,
  message: SAMPLE_INQUIRY,
  source: "website" as const,
};

/** What each step of the dealership's rule would send a sample lead today, through the same responder and guardrails. */
export async function previewFollowUps(
  tenant: Tenant,
  now = new Date(),
): Promise<{ step: number; channel: string; delayDays: number; subject: string; body: string }[]> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const [d] = await tx.select().from(dealerships).where(eq(dealerships.id, tx.dealershipId));
    const rule = await getFollowUpRule(tx);
    const hours = hoursConfigOf(d!);
    const context: ReplyContext = {
      dealership: {
        name: d!.name,
        phone: d!.phone,
        email: d!.email,
        address: d!.address,
        city: d!.city,
        timezone: d!.timezone,
        businessHours: d!.businessHours,
        specialDays: d!.specialDays,
        observePublicHolidays: d!.observePublicHolidays,
        signature: d!.branding.emailSignature?.trim() || null,
        addressForm: d!.aiAddressForm,
        extraInstructions: null,
        serviceEmail: d!.serviceEmail,
        servicePhone: d!.servicePhone,
      },
      lead: SAMPLE_LEAD,
      vehicles: [],
      conversation: [],
      repName: null,
      now,
      openNow: isOpenAt(hours, now),
      whenWeCall: describeWhenWeCall(now, hours),
    };
    const steps = rule.steps.slice(0, Math.max(rule.maxPerLead, 0));
    return steps.map((s, i) => {
      const draft = composeFollowUp(context, { number: i + 1, isLast: i === steps.length - 1 });
      return {
        step: i + 1,
        channel: s.channel,
        delayDays: s.delayDays,
        subject: draft.subject,
        body: draft.body,
      };
    });
  });
}
