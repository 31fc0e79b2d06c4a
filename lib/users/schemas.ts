import { z } from "zod";
import { USER_ROLES } from "../../db/schema/enums.ts";
import { NOTIFICATION_EVENTS } from "../../db/schema/users.ts";
import { passwordField } from "../auth/schemas.ts";

// Team management (Settings → Team). Messages are Norwegian: users see them next to the field.
export const memberIdInput = z.object({ userId: z.uuid("Ugyldig bruker") });
export const changeMemberRoleInput = memberIdInput.extend({ role: z.enum(USER_ROLES, "Ugyldig rolle") });

export const LAST_ADMIN_MESSAGE = "Dere må ha minst én aktiv administrator";

// My profile's forms (one schema per form), used by the actions in app/(dashboard)/settings/me/actions.ts and the
// tests. Messages are Norwegian: users see them next to the field.

/** Letters, marks, digits, spaces and the punctuation names use; no emoji, no markup, no control or RTL marks. */
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .,'’\-]+$/u;

export const updateNameInput = z.object({
  name: z
    .string("Navn må fylles ut")
    .trim()
    .min(1, "Navn må fylles ut")
    .max(100, "Navnet kan ha maks 100 tegn")
    .regex(NAME_PATTERN, "Navnet kan bare ha bokstaver, tall, mellomrom og - . , '"),
});

export const startPhoneVerificationInput = z.object({
  phone: z
    .string("Skriv inn et mobilnummer")
    .trim()
    .min(1, "Skriv inn et mobilnummer")
    .max(30, "Nummeret er for langt"),
});

export const confirmPhoneInput = z.object({
  code: z
    .string("Skriv inn koden")
    .trim()
    .regex(/^\d{6}$/, "Koden er seks sifre"),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string("Skriv inn nåværende passord").min(1, "Skriv inn nåværende passord").max(200),
    newPassword: passwordField,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passordene er ikke like",
  });

export const sessionIdInput = z.object({ id: z.uuid("Ugyldig økt") });

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** FormData checkboxes arrive as "on" or are missing; JSON callers send booleans. */
const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false"])], "Ugyldig verdi")
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const eventFields = Object.fromEntries(
  NOTIFICATION_EVENTS.flatMap((event) => [
    [`${event}.sms`, checkbox],
    [`${event}.email`, checkbox],
  ]),
) as Record<`${(typeof NOTIFICATION_EVENTS)[number]}.${"sms" | "email"}`, typeof checkbox>;

export const notificationPreferencesInput = z
  .object({
    sms: checkbox,
    email: checkbox,
    ...eventFields,
    quietHoursEnabled: checkbox,
    quietStart: z.string().trim().max(5).optional().default(""),
    quietEnd: z.string().trim().max(5).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.quietHoursEnabled) return;
    if (!HH_MM.test(v.quietStart))
      ctx.addIssue({ code: "custom", path: ["quietStart"], message: "Bruk TT:MM, f.eks. 22:00" });
    if (!HH_MM.test(v.quietEnd))
      ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "Bruk TT:MM, f.eks. 07:00" });
    if (HH_MM.test(v.quietStart) && v.quietStart === v.quietEnd)
      ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "Start og slutt kan ikke være like" });
  });

export type NotificationPreferencesInput = z.output<typeof notificationPreferencesInput>;
