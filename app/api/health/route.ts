// GET /api/health – for operators and monitoring: readiness plus per-queue backlog, oldest waiting job, failed
// jobs in the last hour and the workers' heartbeat. 503 when not ready or no worker has beaten in the last minute.
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
