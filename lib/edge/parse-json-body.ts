import type { z } from "zod";
import { parseInput } from "../errors.ts";
import { BODY_LIMITS } from "./body-limits.ts";
import { parseJsonSafely } from "../text/clean-input.ts";
import { readBodyText } from "./read-body.ts";

/**
 * Reads a JSON body with a size cap and validates it: 413 when too large, 400 for malformed JSON or
 * field errors.
 */
export async function parseJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = BODY_LIMITS.json,
): Promise<z.output<S>> {
  return parseJsonText(await readBodyText(req, maxBytes), schema);
}

/**
 * A body already read (e.g. to check its signature first): 400 for malformed JSON, a body nested too deep or
 * too wide, or field errors. Text is normalised first (lib/text/clean-input.ts).
 */
export function parseJsonText<S extends z.ZodType>(
  text: string,
  schema: S,
  invalidMessage = "Invalid fields",
): z.output<S> {
  return parseInput(schema, parseJsonSafely(text), invalidMessage);
}
