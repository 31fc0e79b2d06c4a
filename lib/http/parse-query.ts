import type { z } from "zod";
import { AppError } from "../errors.ts";
import { fieldErrorsOf } from "./responses.ts";

/** Validates URL query parameters: 400 with field errors instead of silently ignoring bad values. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success)
    throw new AppError("bad_request", "Invalid query parameters", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  return parsed.data;
}
