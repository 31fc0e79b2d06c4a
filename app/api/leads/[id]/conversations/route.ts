// GET /api/leads/:id/conversations – the lead's messages, oldest first (PRD contract); 404 for other dealerships.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { getLeadById } from "@/lib/leads/get-lead-by-id";
import { parseLeadId } from "@/lib/leads/parse-lead-id";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parseLeadId(params.id);
    const found = await withTenant(principal.dealershipId, (tx) =>
      getLeadById(tx, principal.dealershipId, id),
    );
    if (!found) throw new AppError("not_found", "Lead not found");
    const conversations = found.conversations.map(({ citedVehicleIds, ...message }) => ({
      ...message,
      cited_vehicle_ids: citedVehicleIds,
    }));
    return json({ conversations });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
