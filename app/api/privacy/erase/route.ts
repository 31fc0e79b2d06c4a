// POST /api/privacy/erase – GDPR art. 17: erase one person (body `{ email }` or `{ phone }`) at once: every lead,
// message, e-mail, outbox row, request log and queued job about them; the address stays suppressed as a keyed hash.
// Answers 200 with the request id and counts per table (no personal data).
import { ROLES_PRIVACY_ADMIN } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { erasePerson } from "@/lib/privacy/erase-person";
import { privacySubjectInput } from "@/lib/privacy/schemas";

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const subject = await parseJsonBody(req, privacySubjectInput);
    const result = await erasePerson(principal, subject);
    return json({
      request_id: result.requestId,
      status: "done",
      leads: result.leads,
      tables: result.summary,
    });
  },
  { roles: ROLES_PRIVACY_ADMIN, allowApiKey: true },
);
