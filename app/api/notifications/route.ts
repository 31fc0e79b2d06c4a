// GET /api/notifications – the signed-in person's leads waiting for an answer (tab title count, favicon badge,
// browser notifications). Session only: an API key has no "me".
import { ROLES_ALL } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { findLeadsWaitingForMe } from "@/lib/notifications/find-leads-waiting-for-me";

export const dynamic = "force-dynamic";

export const GET = withApiAuth(
  async ({ principal }) => {
    if (principal.via === "api_key") throw new AppError("forbidden", "Only for signed-in users");
    const leads = await findLeadsWaitingForMe(principal);
    return json({ waiting: leads.length, leads });
  },
  { roles: ROLES_ALL, allowApiKey: false },
);
