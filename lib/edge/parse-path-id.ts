import { z } from "zod";
import { AppError } from "../errors.ts";

const uuid = z.uuid();

/** An id from a URL: anything that is not a UUID cannot name a row, so it is a 404 like any unknown id. */
export function parsePathId(raw: string, notFoundMessage: string): string {
  const id = uuid.safeParse(raw);
  if (!id.success) throw new AppError("not_found", notFoundMessage);
  return id.data;
}
