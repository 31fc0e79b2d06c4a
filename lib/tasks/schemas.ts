import { z } from "zod";
import { LEAD_TASK_KINDS } from "../../db/schema/enums.ts";

export const dueDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Velg en dato");
export const dueTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, "Skriv klokkeslettet som TT:MM");
// Plain text shown as text (never as HTML), so markup is stored harmlessly as typed.
export const note = z.string().trim().max(500, "Høyst 500 tegn").optional();

/** "Ring tirsdag kl. 10": a task on a lead with a due day and time in the dealership's time zone. */
export const createTaskInput = z.object({
  leadId: z.uuid(),
  kind: z.enum(LEAD_TASK_KINDS).default("call"),
  dueDate,
  dueTime,
  note,
});
export type CreateTaskInput = z.output<typeof createTaskInput>;

export const taskIdInput = z.object({ taskId: z.uuid() });
/** Snooze: an hour later, or the same time tomorrow. */
export const snoozeTaskInput = z.object({ taskId: z.uuid(), by: z.enum(["1h", "1d"]) });
