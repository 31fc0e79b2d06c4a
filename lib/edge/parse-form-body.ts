import { AppError } from "../errors.ts";
import { BODY_LIMITS } from "./body-limits.ts";
import { normalizeInput, parseJsonSafely } from "../text/clean-input.ts";
import { readBodyBytes } from "./read-body.ts";

/**
 * A website form arrives as JSON (fetch), urlencoded (plain HTML form) or multipart (HTML form with
 * enctype=multipart). All become one flat object of strings; files are ignored. 413 over 64 KB, 400 when
 * the body cannot be parsed or is nested too deep. Text is normalised (NUL, lone surrogates, control
 * characters, NFC) before anyone validates it.
 */
export async function parseFormBody(req: Request): Promise<Record<string, unknown>> {
  const rawContentType = req.headers.get("content-type") ?? "";
  // Lower-cased for matching only: the multipart boundary is case-sensitive.
  const contentType = rawContentType.toLowerCase();
  const bytes = await readBodyBytes(req, BODY_LIMITS.form);
  if (contentType.includes("application/json")) {
    const data = parseJsonSafely(bytes.toString("utf8"));
    if (!data || typeof data !== "object" || Array.isArray(data))
      throw new AppError("bad_request", "Body must be a JSON object");
    return data as Record<string, unknown>;
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return normalizeInput(Object.fromEntries(new URLSearchParams(bytes.toString("utf8"))));
  }
  if (contentType.includes("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), {
        headers: { "content-type": rawContentType },
      }).formData();
    } catch {
      throw new AppError("bad_request", "Body is not valid multipart/form-data");
    }
    return normalizeInput(
      Object.fromEntries(
        [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      ),
    );
  }
  throw new AppError("bad_request", "Send JSON, application/x-www-form-urlencoded or multipart/form-data");
}
