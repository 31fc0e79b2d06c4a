// POST /api/emails/:id/not-a-lead – a person sets the e-mail aside (triage: "Ikke et lead").
import { ROLES_TRIAGE_EMAIL } from "@/lib/auth/permissions";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { markEmailNotLead } from "@/lib/inbound-email/review-email";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parsePathId(params.id, "E-posten finnes ikke");
    await markEmailNotLead(leadActorOf(principal), emailId);
    return json({ email_id: emailId, status: "ignored" });
  },
  { roles: ROLES_TRIAGE_EMAIL, allowApiKey: true },
);
