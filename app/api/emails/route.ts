// GET /api/emails – the dealership's received e-mail (filters: status, classification); POST /api/emails – upload
// an .eml (message/rfc822 body, or multipart with a `file` field), processed like mail to the inbound address.
import { ROLES_TRIAGE_EMAIL } from "@/lib/auth/permissions";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { parseQuery } from "@/lib/edge/parse-query";
import { readBodyBytes } from "@/lib/edge/read-body";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { toEmailListItemJson } from "@/lib/inbound-email/email-json";
import { findEmailPage } from "@/lib/inbound-email/find-emails";
import { storeUploadedEmail } from "@/lib/inbound-email/store-uploaded-email";
import { emailListQuery } from "@/lib/inbound-email/schemas";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, emailListQuery);
    const page = await findEmailPage(principal, query);
    return json({ ...page, emails: page.emails.map(toEmailListItemJson) });
  },
  { roles: ROLES_TRIAGE_EMAIL, allowApiKey: true },
);

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const body = await readBodyBytes(req, BODY_LIMITS.emailUpload);
    const upload = { contentType: req.headers.get("content-type") ?? "", body };
    const stored = await storeUploadedEmail(principal, upload);
    return json(
      { email_id: stored.emailId, status: stored.status },
      { status: stored.status === "stored" ? 201 : 200 },
    );
  },
  { roles: ROLES_TRIAGE_EMAIL, allowApiKey: true },
);
