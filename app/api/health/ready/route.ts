// GET /api/health/ready – readiness for load balancers: the database answers, its migrations are this build's,
// the job queue is reachable. 503 otherwise (take the instance out of rotation, do not restart it).
import { json } from "@/lib/edge/responses";
import { checkReadiness, toReadinessJson } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ready = await checkReadiness();
  return json(toReadinessJson(ready), {
    status: ready.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
