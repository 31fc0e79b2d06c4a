import { z } from "zod";
import { CALL_OUTCOMES, LEAD_TASK_KINDS } from "../../db/schema/enums.ts";
import { dueDate, dueTime, note } from "../tasks/schemas.ts";

/** Ring → the outcome, a note, and the next step (nothing, or a call / follow-up at a day and time). */
export const logCallInput = z
  .object({
    leadId: z.uuid(),
    outcome: z.enum(CALL_OUTCOMES, "Velg hvordan samtalen gikk"),
    note,
    next: z.enum(["none", ...LEAD_TASK_KINDS]).default("none"),
    dueDate: dueDate.optional().or(z.literal("")),
    dueTime: dueTime.optional().or(z.literal("")),
  })
  .superRefine((input, ctx) => {
    if (input.next === "none") return;
    if (!input.dueDate) ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Velg en dato" });
    if (!input.dueTime)
      ctx.addIssue({ code: "custom", path: ["dueTime"], message: "Skriv klokkeslettet som TT:MM" });
  });
export type LogCallInput = z.output<typeof logCallInput>;
