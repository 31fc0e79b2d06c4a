import { z } from "zod";
import { AI_MODES } from "../../db/schema/enums.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";

export const MAX_HANDOFF_TURNS = 10;

/** Empty form fields are "not set". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Settings → Samtaler og SMS (admins). */
export const conversationSettingsInput = z.object({
  aiReplyMode: z.enum(AI_MODES, { error: "Velg hvordan AI-en svarer" }),
  aiHandoffAfterTurns: z.coerce
    .number({ error: "Skriv et tall" })
    .int("Skriv et helt tall")
    .min(1, "Minst 1")
    .max(MAX_HANDOFF_TURNS, `Høyst ${MAX_HANDOFF_TURNS}`),
  smsNumber: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Skriv et telefonnummer" })
      .max(30, "Skriv et gyldig telefonnummer")
      .transform((v, ctx) => {
        const phone = normalisePhone(v);
        if (!phone)
          ctx.addIssue({ code: "custom", message: "Skriv et gyldig telefonnummer, f.eks. +47 912 34 567" });
        return phone ?? v;
      })
      .optional(),
  ),
  // GSM alphanumeric sender id: 3–11 letters, digits or spaces, at least one letter (all digits is a number).
  smsSenderId: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Skriv et avsendernavn" })
      .trim()
      .regex(
        /^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$/,
        "3–11 bokstaver (a–z), tall eller mellomrom, minst én bokstav",
      )
      .optional(),
  ),
});
export type ConversationSettingsInput = z.output<typeof conversationSettingsInput>;
