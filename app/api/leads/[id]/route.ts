// GET /api/leads/:id – one lead with its conversation; PATCH – status (+ reason), assigned_to, a new note;
// DELETE – the lead and its conversation and outbox rows (managers, admins, API keys). 404 for unknown ids and for
// other dealerships' ids alike.
import { ROLES_ALL, ROLES_DELETE_LEADS } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { json, parseJsonBody } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { deleteLead } from "@/lib/leads/delete-lead";
import { getLeadById } from "@/lib/leads/get-lead-by-id";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { parseLeadId } from "@/lib/leads/parse-lead-id";
import { leadPatchInput } from "@/lib/leads/schemas";
import { updateLead } from "@/lib/leads/update-lead";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parseLeadId(params.id);
    const found = await withTenant(principal.dealershipId, (tx) =>
      getLeadById(tx, principal.dealershipId, id),
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

export const PATCH = withApiAuth<{ id: string }>(
  async ({ req, principal, params }) => {
    const id = parseLeadId(params.id);
    const patch = await parseJsonBody(req, leadPatchInput);
    const lead = await updateLead(leadActorOf(principal), id, {
      status: patch.status,
      reason: patch.reason,
      assignedTo: patch.assigned_to,
      note: patch.notes,
    });
    return json({ lead });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

export const DELETE = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    await deleteLead(leadActorOf(principal), parseLeadId(params.id));
    return json({ status: "deleted" });
  },
  { roles: ROLES_DELETE_LEADS, allowApiKey: true },
);
