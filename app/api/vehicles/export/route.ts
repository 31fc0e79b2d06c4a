// GET /api/vehicles/export – the inventory as CSV (semicolon, UTF-8 with BOM: Excel in Norway opens it as it is).
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { exportVehiclesCsv } from "@/lib/vehicles/export-vehicles-csv";

export const GET = withApiAuth(
  async ({ principal }) =>
    new Response(await exportVehiclesCsv(principal), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="biler-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    }),
  { roles: ROLES_ALL, allowApiKey: true },
);
