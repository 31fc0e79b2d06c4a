// POST /api/emails/:id/create-lead – a person decides this e-mail is a sales inquiry: make it a lead.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { createLeadFromEmail } from "@/lib/inbound-email/review-email";
import { parseEmailId } from "@/lib/inbound-email/schemas";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const { leadId } = await createLeadFromEmail(leadActorOf(principal), parseEmailId(params.id));
    return json({ lead_id: leadId });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
