import { z } from "zod";
import { normalisePhone } from "../leads/normalise-contact.ts";

/** `{ email }` or `{ phone }` (not both): the person a privacy request is about. Shared by the API and the forms. */
const blankAsMissing = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const privacySubjectInput = z
  .object({
    email: z.preprocess(
      blankAsMissing,
      z.string().trim().toLowerCase().pipe(z.email("Ugyldig e-postadresse").max(254)).optional(),
    ),
    phone: z.preprocess(blankAsMissing, z.string().trim().max(40).optional()),
  })
  .superRefine((value, ctx) => {
    if (!value.email && !value.phone) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Oppgi e-post eller telefon" });
      return;
    }
    if (value.email && value.phone)
      ctx.addIssue({
        code: "custom",
        path: ["phone"],
        message: "Oppgi enten e-post eller telefon, ikke begge",
      });
    if (value.phone && !normalisePhone(value.phone))
      ctx.addIssue({ code: "custom", path: ["phone"], message: "Ugyldig telefonnummer" });
  });
export type PrivacySubjectInput = z.infer<typeof privacySubjectInput>;

/** Settings → Personvern: months without activity before a lead is anonymised. */
export const retentionSettingsInput = z.object({
  retentionMonths: z.coerce.number().int().min(1).max(120),
});

/** Settings → Personvern: the dealership-wide export takes no input. */
export const dealershipExportInput = z.object({});

/** "Prøv igjen" on a failed export request. */
export const privacyRequestIdInput = z.object({ id: z.uuid("Ugyldig id") });
