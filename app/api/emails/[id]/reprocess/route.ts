// POST /api/emails/:id/reprocess – run the e-mail through processing again (after a failure or a parser fix).
import { ROLES_TRIAGE_EMAIL } from "@/lib/auth/permissions";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { reprocessEmail } from "@/lib/inbound-email/review-email";
import { leadActorOf } from "@/lib/leads/lead-actor";

export const POST = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parsePathId(params.id, "E-posten finnes ikke");
    await reprocessEmail(leadActorOf(principal), emailId);
    return json({ email_id: emailId, status: "pending" }, { status: 202 });
  },
  { roles: ROLES_TRIAGE_EMAIL, allowApiKey: true },
);
