// POST /api/emails/:id/create-lead – a person decides this e-mail is a sales inquiry: make it a lead.
import { ROLES_TRIAGE_EMAIL } from "@/lib/auth/permissions";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { createLeadFromEmail } from "@/lib/inbound-email/review-email";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const { leadId } = await createLeadFromEmail(
      leadActorOf(principal),
      parsePathId(params.id, "E-posten finnes ikke"),
    );
    return json({ lead_id: leadId });
  },
  { roles: ROLES_TRIAGE_EMAIL, allowApiKey: true },
);
