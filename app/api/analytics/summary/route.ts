// GET /api/analytics/summary?from=YYYY-MM-DD&to=YYYY-MM-DD – the Analyse page's figures as JSON, for the range and
// the period before it (session or API key; fields documented in lib/analytics/analytics-json.ts). 400 on a bad range.
import { getAnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { toAnalyticsJson } from "@/lib/analytics/analytics-json";
import { analyticsRangeQuery } from "@/lib/analytics/schemas";
import { ROLES_ALL } from "@/lib/auth/permissions";
import { parseQuery } from "@/lib/edge/parse-query";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const range = parseQuery(req, analyticsRangeQuery);
    return json(toAnalyticsJson(await getAnalyticsSummary(principal, range)));
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
