// GET /api/health/live – liveness: the process serves requests. No database call, so a database outage does not
// make an orchestrator restart every web process.
import { json } from "@/lib/edge/responses";

export const dynamic = "force-dynamic";

export function GET() {
  return json(
    { ok: true, uptime_seconds: Math.round(process.uptime()) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
