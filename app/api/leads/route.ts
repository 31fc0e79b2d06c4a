// GET /api/leads – the dealership's leads, newest first, filtered and paged; POST /api/leads – add a lead (session:
// manual, API key: api). Session or API key; snake_case JSON (lib/leads/lead-json.ts).
import { ROLES_ALL } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { parseQuery } from "@/lib/edge/parse-query";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { findLeadPage } from "@/lib/leads/find-leads";
import { ingestLead } from "@/lib/leads/ingest-lead";
import { toLeadListItemJson } from "@/lib/leads/lead-json";
import { createLeadInput, leadListQuery } from "@/lib/leads/schemas";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const { unassigned, assigned_to, ...query } = parseQuery(req, leadListQuery);
    const filter = { ...query, unassigned: unassigned === "true", assignedTo: assigned_to };
    const page = await findLeadPage(principal, filter);
    return json({ ...page, leads: page.leads.map(toLeadListItemJson) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const input = await parseJsonBody(req, createLeadInput);
    const result = await ingestLead(principal, {
      source: principal.via === "api_key" ? "api" : "manual",
      name: input.customer_name,
      email: input.customer_email,
      phone: input.customer_phone,
      vehicleInterest: input.vehicle_interest,
      message: input.message,
      externalId: input.external_id,
    });
    return json(
      { lead_id: result.leadId, status: result.status },
      { status: result.status === "created" ? 201 : 200 },
    );
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
