// GET /api/leads/:id – one lead with its conversation; 404 for unknown ids and for other dealerships' ids alike.
import { z } from "zod";
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { getLeadById } from "@/lib/leads/get-lead-by-id";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw new AppError("not_found", "Lead not found");
    const found = await withTenant(principal.dealershipId, (tx) =>
      getLeadById(tx, principal.dealershipId, id.data),
    );
    if (!found) throw new AppError("not_found", "Lead not found");
    // cited_vehicle_ids is part of the API contract (snake_case like lead_id), so it is always present, [] when none.
    const conversations = found.conversations.map(({ citedVehicleIds, ...message }) => ({
      ...message,
      cited_vehicle_ids: citedVehicleIds,
    }));
    return json({ lead: found.lead, conversations });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
