import type { z } from "zod";
import { AppError, parseInput } from "../errors.ts";
import { BODY_LIMITS } from "./body-limits.ts";
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
  return parseInput(schema, data, invalidMessage);
}
