// GET /api/leads/:id – one lead with its conversation; PATCH – status (+ reason), assigned_to, a new note;
// DELETE – the lead and its conversation and outbox rows (managers, admins, API keys). 404 for unknown ids and for
// other dealerships' ids alike. Snake_case JSON (lib/leads/lead-json.ts).
import { ROLES_ALL, ROLES_DELETE_LEADS } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { AppError } from "@/lib/errors";
import { deleteLead } from "@/lib/leads/delete-lead";
import { getLeadById } from "@/lib/leads/get-lead-by-id";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { toConversationJson, toLeadJson } from "@/lib/leads/lead-json";
import { leadPatchInput } from "@/lib/leads/schemas";
import { updateLead } from "@/lib/leads/update-lead";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parsePathId(params.id, "Lead not found");
    const found = await getLeadById(principal, id);
    if (!found) throw new AppError("not_found", "Lead not found");
    return json({ lead: toLeadJson(found.lead), conversations: found.conversations.map(toConversationJson) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

export const PATCH = withApiAuth<{ id: string }>(
  async ({ req, principal, params }) => {
    const id = parsePathId(params.id, "Lead not found");
    const patch = await parseJsonBody(req, leadPatchInput);
    const lead = await updateLead(leadActorOf(principal), id, {
      status: patch.status,
      reason: patch.reason,
      assignedTo: patch.assigned_to,
      note: patch.notes,
    });
    return json({ lead: toLeadJson(lead) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

export const DELETE = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    await deleteLead(leadActorOf(principal), parsePathId(params.id, "Lead not found"));
    return json({ status: "deleted" });
  },
  { roles: ROLES_DELETE_LEADS, allowApiKey: true },
);
