// POST /api/emails/:id/not-a-lead – a person sets the e-mail aside (triage: "Ikke et lead").
import { ROLES_ALL } from "@/lib/auth/permissions";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { markEmailNotLead } from "@/lib/inbound-email/review-email";
import { parseEmailId } from "@/lib/inbound-email/schemas";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parseEmailId(params.id);
    await markEmailNotLead(leadActorOf(principal), emailId);
    return json({ email_id: emailId, status: "ignored" });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
