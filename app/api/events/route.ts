// GET /api/events – Server-Sent Events: the caller's dealership's new leads, lead changes and new messages, as
// they are committed (Postgres LISTEN/NOTIFY, lib/realtime). Session or API key; nobody hears another dealership.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { openDealershipEventStream } from "@/lib/realtime/open-event-stream";

export const dynamic = "force-dynamic";

export const GET = withApiAuth(
  async ({ req, principal }) =>
    new Response(openDealershipEventStream(principal, req.signal), {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        // nginx and similar proxies otherwise buffer the stream.
        "x-accel-buffering": "no",
      },
    }),
  { roles: ROLES_ALL, allowApiKey: true },
);
