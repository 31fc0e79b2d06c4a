import { z } from "zod";
import { LEAD_SOURCES, LEAD_STATUSES } from "../../db/schema/enums.ts";

export const leadListQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  email: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
