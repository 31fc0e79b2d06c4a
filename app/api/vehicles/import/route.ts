// POST /api/vehicles/import – an inventory file (CSV, JSON or simple XML): ?preview=1 shows the mapping, first rows
// and row errors without writing; otherwise imports in one transaction. 413 above the upload limit.
import { ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { parseQuery } from "@/lib/edge/parse-query";
import { readFileUpload } from "@/lib/edge/read-file-upload";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { importVehicles } from "@/lib/vehicles/import-vehicles";
import { previewVehicleImport } from "@/lib/vehicles/preview-vehicle-import";
import { readInventoryFile } from "@/lib/vehicles/read-inventory-file";
import { vehicleImportQuery } from "@/lib/vehicles/schemas";

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, vehicleImportQuery);
    const file = await readFileUpload(req, { field: "file", maxFileBytes: BODY_LIMITS.vehicleImport });
    const table = readInventoryFile(file);
    if (query.preview) return json(await previewVehicleImport(principal, table, query.mapping));
    const summary = await importVehicles(leadActorOf(principal), table, {
      source: "csv",
      mapping: query.mapping,
      markMissingSold: query.mark_missing_sold,
      applyValidRows: query.apply_valid_rows,
      rememberMapping: true,
    });
    return json(summary, { status: summary.applied ? 200 : 422 });
  },
  { roles: ROLES_MANAGE_INVENTORY, allowApiKey: true },
);
