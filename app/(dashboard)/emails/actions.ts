"use server";

import { revalidatePath } from "next/cache";
import { ROLES_TRIAGE_EMAIL } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { createLeadFromEmail, markEmailNotLead, reprocessEmail } from "@/lib/inbound-email/review-email";
import { emailIdInput } from "@/lib/inbound-email/schemas";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const reprocessEmailAction = tenantAction(
  emailIdInput,
  async ({ emailId }, session) => {
    await reprocessEmail(leadActorOf(session), emailId);
    revalidatePath(`/emails/${emailId}`);
    return { emailId };
  },
  { roles: ROLES_TRIAGE_EMAIL },
);

export const createLeadFromEmailAction = tenantAction(
  emailIdInput,
  async ({ emailId }, session) => {
    const result = await createLeadFromEmail(leadActorOf(session), emailId);
    revalidatePath(`/emails/${emailId}`);
    return result;
  },
  { roles: ROLES_TRIAGE_EMAIL },
);

export const markEmailNotLeadAction = tenantAction(
  emailIdInput,
  async ({ emailId }, session) => {
    await markEmailNotLead(leadActorOf(session), emailId);
    revalidatePath(`/emails/${emailId}`);
    return { emailId };
  },
  { roles: ROLES_TRIAGE_EMAIL },
);
