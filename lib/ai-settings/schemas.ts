import { z } from "zod";
import { AI_ADDRESS_FORMS, AI_MODES } from "../../db/schema/enums.ts";

export const MAX_EXTRA_INSTRUCTIONS_CHARS = 1000;
/** The sources whose leads the AI may be told not to answer (manual leads are never answered anyway). */
export const SKIPPABLE_SOURCES = ["website", "email", "facebook", "api"] as const;

/** A checkbox group arrives as a list, one value, or nothing (FormData); JSON callers send a list. */
const sourceList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(SKIPPABLE_SOURCES, { error: "Ukjent kilde" }))
    .max(SKIPPABLE_SOURCES.length)
    .transform((list) => [...new Set(list)]),
);

/** Settings → AI. */
export const aiSettingsInput = z.object({
  aiMode: z.enum(AI_MODES, { error: "Velg en modus" }),
  aiAddressForm: z.enum(AI_ADDRESS_FORMS, { error: "Velg du eller De" }),
  aiExtraInstructions: z
    .string({ error: "Skriv vanlig tekst" })
    .trim()
    .max(MAX_EXTRA_INSTRUCTIONS_CHARS, `Høyst ${MAX_EXTRA_INSTRUCTIONS_CHARS} tegn`)
    .refine((v) => !/<\s*\/?\s*[a-z!]/i.test(v), "Bruk vanlig tekst uten HTML")
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "Bruk vanlig tekst")
    .transform((v) => v.replace(/\r\n?/g, "\n"))
    .default(""),
  aiSkipSources: sourceList,
});
export type AiSettingsInput = z.output<typeof aiSettingsInput>;

/** "Send en testlead": what the pretend customer writes. */
export const testLeadInput = z.object({
  source: z.enum(SKIPPABLE_SOURCES, { error: "Velg en kilde" }).default("website"),
  name: z.string().trim().min(1, "Skriv et navn").max(100, "Høyst 100 tegn"),
  vehicleInterest: z.string().trim().max(200, "Høyst 200 tegn").default(""),
  message: z.string().trim().min(1, "Skriv en melding").max(2000, "Høyst 2000 tegn"),
});
export type TestLeadInput = z.output<typeof testLeadInput>;
