// GET /api/analytics/export?from=&to=&table=<leads_per_day|by_source|by_status|funnel|lost_reasons|vehicles|models|reps>
// – one table of the Analyse page as a CSV download (session or API key). 400 on a bad range or table.
import { toAnalyticsCsv } from "@/lib/analytics/analytics-csv";
import { getAnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { analyticsExportQuery } from "@/lib/analytics/schemas";
import { ROLES_ALL } from "@/lib/auth/permissions";
import { parseQuery } from "@/lib/edge/parse-query";
import { text } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const { table, ...range } = parseQuery(req, analyticsExportQuery);
    const csv = toAnalyticsCsv(await getAnalyticsSummary(principal, range), table);
    return text(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="norvalt-${table}-${range.from}-${range.to}.csv"`,
        "cache-control": "no-store",
      },
    });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
