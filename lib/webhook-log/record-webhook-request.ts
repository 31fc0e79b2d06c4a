import { webhookRequests } from "../../db/schema/operations.ts";
import { withSystem } from "../db/tenant.ts";
import { getLogger } from "../log/logger.ts";
import { normalizeText } from "../text/clean-input.ts";

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
  try {
    pending.push(toRow(record));
  } catch (err) {
    // A record we cannot even shape (a getter that throws, a body that will not stringify) costs its own row only.
    getLogger("webhook-log").error({ err }, "could not record a request log row");
    return;
  }
  if (pending.length >= FLUSH_AT_ROWS) void flushWebhookLog();
  else timer ??= setTimeout(() => void flushWebhookLog(), FLUSH_AFTER_MS);
}

/** Every text cleaned (Postgres refuses NUL) and cut to its column's budget; numbers made finite. */
function toRow(record: WebhookRequestRecord): LogRow {
  return {
    source: clip(record.source, 50) ?? "unknown",
    dealershipId: record.dealershipId ?? null,
    leadId: record.leadId ?? null,
    method: clip(record.method, 10) ?? "?",
    path: clip(record.path, 2_000) ?? "",
    statusCode: Number.isInteger(record.statusCode) ? record.statusCode : 0,
    ip: clip(record.ip, 45),
    userAgent: clip(record.userAgent, 300),
    requestBody: clip(record.body, 64 * 1024),
    error: clip(record.error, 1_000),
    durationMs: Number.isFinite(record.durationMs) ? Math.round(record.durationMs) : 0,
    requestId: clip(record.requestId, 200),
    createdAt: new Date(),
  };
}

function clip(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : String(value);
  // Cut before cleaning (a 30 MB body costs nothing), then again: cleaning never lengthens but may re-cut a pair.
  return normalizeText(text.slice(0, max)).slice(0, max);
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
    return;
  } catch (err) {
    if (rows.length === 1) return reportLost(rows, err);
  }
  // One bad row (a dealership deleted meanwhile, a value the column refuses) must not drop the others: row by row.
  for (const row of rows) {
    try {
      await withSystem((tx) => tx.insert(webhookRequests).values(row));
    } catch (err) {
      reportLost([row], err);
    }
  }
}

function reportLost(rows: LogRow[], err: unknown): void {
  // The log is for debugging; losing rows must not turn deliveries into failures or crash the process.
  getLogger("webhook-log").error({ err }, `could not write ${rows.length} request log row(s)`);
}
