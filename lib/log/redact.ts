/**
 * Personal data never reaches the log. Two layers: known keys are censored by pino's `redact` (REDACT_PATHS), and
 * every string written (message and fields) is scrubbed of e-mail addresses and phone numbers (scrubText), because
 * an error message from a driver or vendor can quote them.
 */
const SENSITIVE_KEYS = [
  "email",
  "phone",
  "name",
  "firstName",
  "lastName",
  "customerName",
  "customerEmail",
  "customerPhone",
  "to",
  "from",
  "body",
  "text",
  "html",
  "subject",
  "token",
  "password",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  "params",
  "parameters",
  "values",
  "payload",
];

export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  'req.headers["authorization"]',
  'req.headers["cookie"]',
  "err.params",
  "err.parameters",
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// +<country><number> (8–15 digits, spaces/dashes allowed), or a Norwegian 8-digit number standing alone: not a
// run of digits inside an id, a UUID or a longer number.
const PHONE =
  /(?<![\w-])(?:\+\d[\d \-]{6,16}\d|(?:00\d{2}[ -]?)?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}|\d{3} ?\d{2} ?\d{3})(?![\w-])/g;

// Drizzle's query errors end with the bound values ("Failed query: …\nparams: Kari Nordmann,kari@…"): names are
// neither e-mail nor phone, so the whole list goes.
const SQL_PARAMS = /(\bparams:)[^\n]*/g;

export function scrubText(text: string): string {
  return text.replace(SQL_PARAMS, "$1 [redacted]").replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}

/** Scrubs strings in a log record's fields, a few levels deep (cheap: log records are small). */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const err = value as Error & { code?: unknown; detail?: unknown };
    return {
      type: err.name,
      message: scrubText(err.message),
      ...(err.code !== undefined && { code: err.code }),
      ...(err.stack && { stack: scrubText(err.stack) }),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}
