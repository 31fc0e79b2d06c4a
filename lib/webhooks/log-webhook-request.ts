import { webhookRequests } from "../../db/schema/operations.ts";
import { withSystem } from "../db/tenant.ts";
import { getClientIp } from "../http/client-ip.ts";

export type WebhookOutcome = {
  source: string;
  statusCode: number;
  durationMs: number;
  dealershipId?: string | null;
  leadId?: string | null;
  error?: string | null;
  /** The request body as received (kept 14 days for debugging integrations); omit when it must not be stored. */
  body?: string | null;
};

/** One row in webhook_requests per call, accepted or not. Written after the answer is decided; never fails it. */
export async function logWebhookRequest(req: Request, outcome: WebhookOutcome): Promise<void> {
  try {
    await withSystem((tx) =>
      tx.insert(webhookRequests).values({
        source: outcome.source,
        dealershipId: outcome.dealershipId ?? null,
        leadId: outcome.leadId ?? null,
        method: req.method,
        path: new URL(req.url).pathname,
        statusCode: outcome.statusCode,
        ip: getClientIp(req.headers),
        userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? null,
        requestBody: outcome.body?.slice(0, 64 * 1024) ?? null,
        error: outcome.error?.slice(0, 1000) ?? null,
        durationMs: Math.round(outcome.durationMs),
      }),
    );
  } catch (err) {
    // The log is for debugging; losing a row must not turn a delivery into a failure.
    console.error(`[webhook:${outcome.source}] could not log request:`, err);
  }
}
