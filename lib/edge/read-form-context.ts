import { FORM_HONEYPOT_FIELD } from "../leads/schemas.ts";
import type { FormLeadContext } from "../leads/map-form-lead.ts";

/** What a form post says besides its fields: its headers, and whether a bot filled in the hidden honeypot. */
export function readFormContext(req: Request, fields: Record<string, unknown>): FormLeadContext {
  return {
    idempotencyKey: req.headers.get("idempotency-key")?.trim().slice(0, 200) || undefined,
    referer: req.headers.get("referer") || undefined,
    userAgent: req.headers.get("user-agent")?.slice(0, 300),
    honeypotFilled: Boolean(fields[FORM_HONEYPOT_FIELD]),
  };
}
