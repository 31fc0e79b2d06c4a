// POST /api/webhooks/bench-floor — the floor of `npm run bench:ingest`: the same proxy path and the same body size
// as the form webhook, read and answered with nothing else done, so the form's capacity can be given as a fraction
// of what this machine and Next.js manage at all. A 404 unless NORVALT_BENCH_FLOOR_ROUTE=on (the bench sets it).
import { getEnv } from "@/env";
import { json } from "@/lib/edge/responses";

export async function POST(req: Request) {
  if (getEnv().NORVALT_BENCH_FLOOR_ROUTE !== "on") return json({ error: "not_found" }, { status: 404 });
  const body = await req.arrayBuffer();
  return json({ ok: true, bytes: body.byteLength });
}
