import { randomUUID } from "node:crypto";
import { isAppError } from "../errors.ts";
import { getLogContext } from "../log/log-context.ts";
import { getLogger } from "../log/logger.ts";

/** A JSON answer. Bodies of the public API are snake_case: build them with the resource's serializer. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

/** The AppError → HTTP mapping: expected failures keep their status and message; anything else is logged with a request id and masked. */
export function errorResponse(err: unknown): Response {
  if (isAppError(err)) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds) headers["Retry-After"] = String(err.retryAfterSeconds);
    return json(
      { error: err.code, message: err.message, ...(err.fieldErrors && { fields: err.fieldErrors }) },
      { status: err.status, headers },
    );
  }
  const requestId = getLogContext()?.requestId ?? randomUUID();
  getLogger("http").error({ err, errorId: requestId }, "unhandled error");
  return json(
    { error: "internal_error", message: "Noe gikk galt. Prøv igjen.", request_id: requestId },
    { status: 500 },
  );
}

/** A redirect, 303 by default (after a POST the browser follows with a GET). `location` may be relative. */
export function redirect(location: string, status: 301 | 302 | 303 | 307 | 308 = 303): Response {
  return new Response(null, { status, headers: { location, "cache-control": "no-store" } });
}

/** Plain text, never cached (answers to one-click unsubscribes, Meta's challenge echo). */
export function text(body: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
  return new Response(body, { ...init, headers });
}

/** The same answer with extra headers (a new Response: Response.redirect() and friends have immutable headers). */
export function withHeaders(res: Response, extra: Record<string, string>): Response {
  if (Object.keys(extra).length === 0) return res;
  const headers = new Headers(res.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** For public routes without withApiAuth: a thrown error becomes its answer instead of Next's bare 500. */
export async function withErrorResponse(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    return errorResponse(err);
  }
}
