import type { z } from "zod";
import { parseInput } from "../errors.ts";
import { normalizeInput } from "../text/clean-input.ts";

/** Validates URL query parameters: 400 with field errors instead of silently ignoring bad values. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return parseInput(
    schema,
    normalizeInput(Object.fromEntries(new URL(req.url).searchParams)),
    "Invalid query parameters",
  );
}
