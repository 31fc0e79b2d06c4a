// POST /api/privacy/export – GDPR art. 15/20: queue an export of everything about one person, body `{ email }` or
// `{ phone }`; answers 202 with the request id. GET /api/privacy/requests/:id gives its status and download link.
import { ROLES_PRIVACY_ADMIN } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { requestPersonExport } from "@/lib/privacy/request-person-export";
import { privacySubjectInput } from "@/lib/privacy/schemas";

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const subject = await parseJsonBody(req, privacySubjectInput);
    const { requestId } = await requestPersonExport(principal, subject);
    return json(
      { request_id: requestId, status: "pending", status_url: `/api/privacy/requests/${requestId}` },
      { status: 202 },
    );
  },
  { roles: ROLES_PRIVACY_ADMIN, allowApiKey: true },
);
