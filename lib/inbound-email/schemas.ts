import { z } from "zod";
import { EMAIL_STATUSES, STORED_EMAIL_CLASSIFICATIONS } from "../../db/schema/enums.ts";
import { AppError } from "../errors.ts";
import type { Principal } from "../http/with-api-auth.ts";

/** GET /api/emails and the dashboard's e-mail list. `triage`: uncertain e-mails waiting for a person. */
export const emailListQuery = z.object({
  status: z.enum(EMAIL_STATUSES).optional(),
  classification: z.enum(STORED_EMAIL_CLASSIFICATIONS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type EmailListQuery = z.input<typeof emailListQuery>;

export const emailIdInput = z.object({ emailId: z.uuid() });

/** A path id: 404 (not 400) for anything that is not a UUID, as for an id that is not ours. */
export function parseEmailId(id: string): string {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new AppError("not_found", "E-posten finnes ikke");
  return parsed.data;
}

/** Who acts: a signed-in user, or an API key (no user). */
export function actorOf(principal: Principal): { dealershipId: string; userId: string | null } {
  return { dealershipId: principal.dealershipId, userId: "userId" in principal ? principal.userId : null };
}
