// GET /api/leads – the dealership's leads, newest first (dashboard session or API key).
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { parseQuery } from "@/lib/http/parse-query";
import { json } from "@/lib/http/responses";
import { withApiAuth } from "@/lib/http/with-api-auth";
import { findLeadPage } from "@/lib/leads/find-leads";
import { leadListQuery } from "@/lib/leads/schemas";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, leadListQuery);
    const { dealershipId } = principal;
    return json(await withTenant(dealershipId, (tx) => findLeadPage(tx, dealershipId, query)));
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
