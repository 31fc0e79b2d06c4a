import { z } from "zod";

/** What the audit view can be narrowed to: groups of actions by their first word. */
export const AUDIT_ACTION_GROUPS = [
  "privacy",
  "lead",
  "user",
  "invitation",
  "api_key",
  "dealership",
  "settings",
  "suppression",
  "vehicle",
  "facebook",
  "job",
  "follow_up",
  "follow_up_rule",
  "reply_template",
  "clerk",
  "message",
] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Ugyldig dato")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** Settings → Revisjonslogg filters (URL query): action group, the person who acted, a date range. */
export const auditFilterInput = z.object({
  group: z
    .enum(AUDIT_ACTION_GROUPS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  actor: z
    .uuid("Ugyldig id")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: day,
  to: day,
});
export type AuditFilter = z.infer<typeof auditFilterInput>;
