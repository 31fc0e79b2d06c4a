import { AppError } from "../errors.ts";

/**
 * Text hygiene at the edge, for every entry point (JSON, urlencoded, multipart, query strings, server actions,
 * e-mail headers and bodies, Meta payloads): what Postgres cannot store or people cannot see never reaches
 * validation. NUL is removed (Postgres text and jsonb refuse it), a lone UTF-16 surrogate becomes U+FFFD,
 * control characters other than newline and tab are dropped (CR LF and a lone CR become LF), and the result is
 * Unicode NFC, so "é" typed on a Mac and on Windows is the same text (dedupe, search).
 */
export function normalizeText(text: string): string {
  // The hot path (form posts, bench:ingest): plain printable ASCII needs none of it.
  if (!NEEDS_WORK.test(text)) return text;
  return text.toWellFormed().replace(/\r\n?/g, "\n").replace(CONTROL, "").normalize("NFC");
}

const NEEDS_WORK = /[^\x20-\x7E\t\n]/;
// C0 controls except tab (09) and newline (0A), DEL, and the C1 controls.
const CONTROL = /[\x00-\x08\x0B-\x1F\x7F-\x9F]/g;

/** How deep and how wide a body may be: far beyond any form or API payload we accept, far below a stack overflow. */
export const INPUT_SHAPE_LIMITS = { maxDepth: 32, maxEntries: 5_000 } as const;

/**
 * The same hygiene over a parsed value: every string (object keys included) of plain objects and arrays is
 * normalised; Buffers, Dates and other instances pass through untouched. A value nested deeper than `maxDepth`
 * or with more than `maxEntries` keys and array items in all is refused with a 400 before anything reads it.
 */
export function normalizeInput<T>(
  value: T,
  limits: { maxDepth: number; maxEntries: number } = INPUT_SHAPE_LIMITS,
): T {
  const budget = { entries: 0 };
  return walk(value, 0, limits, budget) as T;
}

function walk(
  value: unknown,
  depth: number,
  limits: { maxDepth: number; maxEntries: number },
  budget: { entries: number },
): unknown {
  if (typeof value === "string") return normalizeText(value);
  if (value === null || typeof value !== "object") return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (depth >= limits.maxDepth)
    throw new AppError("bad_request", `Body is nested deeper than ${limits.maxDepth} levels`);
  if (isArray) {
    budget.entries += value.length;
    checkBudget(budget, limits);
    return value.map((item) => walk(item, depth + 1, limits, budget));
  }
  const entries = Object.entries(value);
  budget.entries += entries.length;
  checkBudget(budget, limits);
  // fromEntries defines own properties: a "__proto__" key stays a key and never becomes the prototype.
  return Object.fromEntries(
    entries.map(([key, item]) => [normalizeText(key), walk(item, depth + 1, limits, budget)]),
  );
}

function checkBudget(budget: { entries: number }, limits: { maxEntries: number }) {
  if (budget.entries > limits.maxEntries)
    throw new AppError("bad_request", `Body has more than ${limits.maxEntries} keys and items`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * JSON.parse with the hygiene and shape limits applied: 400 for malformed JSON, too deep or too wide. A body
 * of 64 KB can nest ~30,000 levels; the walk refuses it at level 32, before any recursive reader (zod, the
 * request log's JSON.stringify) sees it.
 */
export function parseJsonSafely(text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
  return normalizeInput(data);
}

/**
 * The instants we store: years 1–9999. Postgres's own range is wider, but JavaScript prints years past 9999 as
 * "+275760-09-13", which Postgres cannot read (a 500), and no lead, e-mail or filter means them.
 */
export const STORABLE_DATE_RANGE = {
  min: new Date("0001-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
} as const;

/** A date we can store, or null for an invalid one or one outside STORABLE_DATE_RANGE (an e-mail's Date header). */
export function storableDate(date: Date | null | undefined): Date | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return date >= STORABLE_DATE_RANGE.min && date <= STORABLE_DATE_RANGE.max ? date : null;
}
