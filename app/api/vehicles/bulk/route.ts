// PUT /api/vehicles/bulk – upsert up to 1,000 cars by stock_number (DMS integrations), all or nothing.
import { z } from "zod";
import { ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { bulkUpsertVehicles } from "@/lib/vehicles/bulk-upsert-vehicles";

export const PUT = withApiAuth(
  async ({ req, principal }) => {
    const body = await parseJsonBody(req, z.unknown(), BODY_LIMITS.vehicleBulk);
    return json(await bulkUpsertVehicles(leadActorOf(principal), body));
  },
  { roles: ROLES_MANAGE_INVENTORY, allowApiKey: true },
);
