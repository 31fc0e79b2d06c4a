import { z } from "zod";
import { AppError } from "../errors.ts";

const uuid = z.uuid();

/** An id from a URL: anything that is not a UUID cannot be a lead, so it is a 404 like any unknown lead. */
export function parseLeadId(raw: string): string {
  const id = uuid.safeParse(raw);
  if (!id.success) throw new AppError("not_found", "Lead not found");
  return id.data;
}
