// POST /api/emails/:id/reprocess – run the e-mail through processing again (after a failure or a parser fix).
import { ROLES_ALL } from "@/lib/auth/permissions";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { reprocessEmail } from "@/lib/inbound-email/review-email";
import { parseEmailId } from "@/lib/inbound-email/schemas";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parseEmailId(params.id);
    await reprocessEmail(leadActorOf(principal), emailId);
    return json({ email_id: emailId, status: "pending" }, { status: 202 });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
