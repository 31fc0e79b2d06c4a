// GET /api/privacy/requests/:id – a privacy request's status, counts and, for a finished export, its one-time
// download link (valid until the export expires). Another dealership's id is a 404.
import { ROLES_PRIVACY_ADMIN } from "@/lib/auth/permissions";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { getPrivacyRequest } from "@/lib/privacy/get-privacy-request";
import { toPrivacyRequestJson } from "@/lib/privacy/privacy-request-json";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parsePathId(params.id, "Privacy request not found");
    return json(toPrivacyRequestJson(await getPrivacyRequest(principal, id)));
  },
  { roles: ROLES_PRIVACY_ADMIN, allowApiKey: true },
);
