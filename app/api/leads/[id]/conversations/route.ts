// GET /api/leads/:id/conversations – the lead's messages, oldest first (PRD contract); 404 for other dealerships.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { AppError } from "@/lib/errors";
import { getLeadById } from "@/lib/leads/get-lead-by-id";
import { toConversationJson } from "@/lib/leads/lead-json";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parsePathId(params.id, "Lead not found");
    const found = await getLeadById(principal, id);
    if (!found) throw new AppError("not_found", "Lead not found");
    return json({ conversations: found.conversations.map(toConversationJson) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
