import { webhookRequests } from "../../db/schema/operations.ts";
import { withSystem } from "../db/tenant.ts";
import { getLogger } from "../log/logger.ts";

/** One call of a webhook, accepted or not, as Settings → Integrations shows it (kept 14 days). */
export type WebhookRequestRecord = {
  source: string;
  method: string;
  path: string;
  statusCode: number;
  durationMs: number;
  ip?: string | null;
  userAgent?: string | null;
  dealershipId?: string | null;
  leadId?: string | null;
  requestId?: string | null;
  error?: string | null;
  /** The request body as received (for debugging integrations); omit when it must not be stored. */
  body?: string | null;
};

type LogRow = typeof webhookRequests.$inferInsert;

/**
 * The request log is written behind the response, in batches: under load one INSERT carries the rows of many
 * requests instead of each request paying for its own transaction (bench:ingest). What the log is for —
 * debugging an integration — tolerates losing the last fraction of a second if the process dies; the lead itself
 * is committed before the webhook answers, so no lead depends on this.
 */
const FLUSH_AFTER_MS = 100;
const FLUSH_AT_ROWS = 200;
const pending: LogRow[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> = Promise.resolve();

/** Queues one row for webhook_requests. Never throws, never delays the answer. */
export function recordWebhookRequest(record: WebhookRequestRecord): void {
  pending.push({
    source: record.source,
    dealershipId: record.dealershipId ?? null,
    leadId: record.leadId ?? null,
    method: record.method,
    path: record.path,
    statusCode: record.statusCode,
    ip: record.ip ?? null,
    userAgent: record.userAgent?.slice(0, 300) ?? null,
    requestBody: record.body?.slice(0, 64 * 1024) ?? null,
    error: record.error?.slice(0, 1000) ?? null,
    durationMs: Math.round(record.durationMs),
    requestId: record.requestId ?? null,
    createdAt: new Date(),
  });
  if (pending.length >= FLUSH_AT_ROWS) void flushWebhookLog();
  else timer ??= setTimeout(() => void flushWebhookLog(), FLUSH_AFTER_MS);
}

/** Writes every queued row now (tests, shutdown). Resolves once they are committed or reported as lost. */
export function flushWebhookLog(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const rows = pending.splice(0);
  // One flush at a time, in order: a burst never opens a transaction per row.
  flushing = flushing.then(() => (rows.length ? insertRows(rows) : undefined));
  return flushing;
}

async function insertRows(rows: LogRow[]): Promise<void> {
  try {
    await withSystem((tx) => tx.insert(webhookRequests).values(rows));
  } catch (err) {
    // The log is for debugging; losing rows must not turn deliveries into failures or crash the process.
    getLogger("webhook-log").error({ err }, `could not write ${rows.length} request log row(s)`);
  }
}
