// GET /api/emails/:id – one received e-mail: what was read from it, its classification and extraction; 404 for
// unknown ids and other dealerships' alike.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { toEmailJson } from "@/lib/inbound-email/email-json";
import { getEmailById } from "@/lib/inbound-email/find-emails";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parsePathId(params.id, "E-posten finnes ikke");
    const email = await getEmailById(principal, emailId);
    if (!email) throw new AppError("not_found", "E-posten finnes ikke");
    return json(toEmailJson(email));
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
