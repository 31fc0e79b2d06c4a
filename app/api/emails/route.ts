// GET /api/emails – the dealership's received e-mail (filters: status, classification); POST /api/emails – upload
// an .eml (message/rfc822 body, or multipart with a `file` field), processed like mail to the inbound address.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { parseQuery } from "@/lib/http/parse-query";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { findEmailPage } from "@/lib/inbound-email/find-emails";
import { receiveUploadedEmail } from "@/lib/inbound-email/receive-uploaded-email";
import { emailListQuery } from "@/lib/inbound-email/schemas";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, emailListQuery);
    const { dealershipId } = principal;
    return json(await withTenant(dealershipId, (tx) => findEmailPage(tx, dealershipId, query)));
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const stored = await receiveUploadedEmail(req, principal.dealershipId);
    return json(
      { email_id: stored.emailId, status: stored.status },
      { status: stored.status === "stored" ? 201 : 200 },
    );
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
