// GET /api/health – liveness for load balancers and the launcher: 200 when the database and queue answer, else 503.
import { json } from "@/lib/edge/responses";
import { checkHealth, toHealthJson } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return json(toHealthJson(health), {
    status: health.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
