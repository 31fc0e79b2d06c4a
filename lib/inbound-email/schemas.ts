import { z } from "zod";
import { EMAIL_STATUSES, STORED_EMAIL_CLASSIFICATIONS } from "../../db/schema/enums.ts";

/** GET /api/emails and the dashboard's e-mail list. `triage`: uncertain e-mails waiting for a person. */
export const emailListQuery = z.object({
  status: z.enum(EMAIL_STATUSES).optional(),
  classification: z.enum(STORED_EMAIL_CLASSIFICATIONS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type EmailListQuery = z.input<typeof emailListQuery>;

export const emailIdInput = z.object({ emailId: z.uuid() });
