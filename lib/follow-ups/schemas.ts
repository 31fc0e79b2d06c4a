import { z } from "zod";
import { FOLLOW_UP_AFTER_LAST, FOLLOW_UP_CHANNELS } from "../../db/schema/follow-ups.ts";

const int = (min: number, max: number, message: string) =>
  z.coerce.number(message).int(message).min(min, message).max(max, message);

/** Settings → Oppfølging: the dealership's rule (one to five steps, increasing days). */
export const followUpRuleInput = z
  .object({
    enabled: z.union([z.boolean(), z.stringbool()]).default(false),
    steps: z
      .array(
        z.object({
          delayDays: int(1, 30, "Velg mellom 1 og 30 dager"),
          channel: z.enum(FOLLOW_UP_CHANNELS, "Velg e-post eller SMS"),
        }),
      )
      .min(1, "Legg til minst ett steg")
      .max(5, "Høyst fem steg"),
    afterLast: z.enum(FOLLOW_UP_AFTER_LAST, "Velg hva som skjer etter siste steg"),
    closeAfterDays: int(1, 30, "Velg mellom 1 og 30 dager"),
    maxPerLead: int(0, 5, "Velg mellom 0 og 5"),
    approvalHours: int(1, 168, "Velg mellom 1 og 168 timer"),
  })
  .superRefine((rule, ctx) => {
    rule.steps.forEach((step, i) => {
      if (i > 0 && step.delayDays <= rule.steps[i - 1]!.delayDays)
        ctx.addIssue({
          code: "custom",
          path: ["steps", i, "delayDays"],
          message: "Hvert steg må komme etter det forrige",
        });
    });
  });
export type FollowUpRuleInput = z.output<typeof followUpRuleInput>;

/** The lead page's "Ingen oppfølging" switch. */
export const leadFollowUpsInput = z.object({ leadId: z.uuid(), off: z.union([z.boolean(), z.stringbool()]) });
/** Skip / send now on one follow-up. */
export const followUpIdInput = z.object({ followUpId: z.uuid() });
