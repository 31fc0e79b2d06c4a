// GET /api/emails/:id – one received e-mail: what was read from it, its classification and extraction.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { getEmailById } from "@/lib/inbound-email/find-emails";
import { parseEmailId } from "@/lib/inbound-email/schemas";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const emailId = parseEmailId(params.id);
    const email = await withTenant(principal.dealershipId, (tx) =>
      getEmailById(tx, principal.dealershipId, emailId),
    );
    if (!email) throw new AppError("not_found", "E-posten finnes ikke");
    return json(email);
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
