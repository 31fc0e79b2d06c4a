import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError, isAppError } from "../errors.ts";

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

/** Expected failures keep their status and message; anything else is logged with a request id and masked. */
export function errorResponse(err: unknown): Response {
  if (isAppError(err)) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds) headers["Retry-After"] = String(err.retryAfterSeconds);
    return json(
      { error: err.code, message: err.message, ...(err.fieldErrors && { fields: err.fieldErrors }) },
      { status: err.status, headers },
    );
  }
  const requestId = randomUUID();
  console.error(`[${requestId}] unhandled error:`, err);
  return json(
    { error: "internal_error", message: "Noe gikk galt. Prøv igjen.", request_id: requestId },
    { status: 500 },
  );
}

export const fieldErrorsOf = (error: z.ZodError) =>
  z.flattenError(error).fieldErrors as Record<string, string[]>;

/**
 * Reads a JSON body with a size cap and validates it: 413 when too large, 400 for malformed JSON or
 * field errors.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = 64 * 1024,
): Promise<z.output<S>> {
  return parseJsonText(await readBodyText(req, maxBytes), schema);
}

/** A body already read (e.g. to check its signature first): 400 for malformed JSON or field errors. */
export function parseJsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  invalidMessage = "Invalid fields",
): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new AppError("bad_request", invalidMessage, { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** Reads the raw body with a size cap (413). Reads the stream itself so a lying Content-Length cannot get past it. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString("utf8");
}

/** The raw body as bytes (multipart needs them), with the same cap. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
    throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
  }
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client hung up mid-body (closed tab, load tester stopping): its fault, not ours, and nobody waits.
      throw new AppError("bad_request", "The request body was cut off");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
