import { z } from "zod";
import { USER_ROLES } from "../../db/schema/enums.ts";
import { parseMobileNumber } from "../users/parse-mobile-number.ts";

// Shared by the forms (client validation), the server actions and the tests. Messages are Norwegian: users see them.
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Ugyldig e-postadresse").max(254, "E-postadressen er for lang"));
export const passwordField = z
  .string()
  .min(10, "Passordet må ha minst 10 tegn")
  .max(200, "Passordet kan ha maks 200 tegn");
/** Optional at sign-up and invitation: stored E.164 and unverified; the SMS code comes later, on My profile. */
const optionalMobileField = z
  .string()
  .trim()
  .max(30, "Nummeret er for langt")
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return null;
    const parsed = parseMobileNumber(raw);
    if (parsed.ok) return parsed.phone;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });
const nameField = z.string().trim().min(1, "Navn må fylles ut").max(120, "Navnet er for langt");

export const signUpInput = z.object({
  dealershipName: z
    .string()
    .trim()
    .min(2, "Forhandlernavn må ha minst 2 tegn")
    .max(120, "Navnet er for langt"),
  name: nameField,
  email: emailField,
  password: passwordField,
  phone: optionalMobileField,
});

export const logInInput = z.object({
  email: emailField,
  // No length rules on login: a wrong password gets the same answer as an unknown e-mail.
  password: z.string().min(1, "Passord må fylles ut").max(200),
});

export const inviteInput = z.object({ email: emailField, role: z.enum(USER_ROLES, "Ugyldig rolle") });
export const acceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  name: nameField,
  password: passwordField,
  phone: optionalMobileField,
});
export const requestPasswordResetInput = z.object({ email: emailField });
export const resetPasswordInput = z.object({ token: z.string().min(20).max(200), password: passwordField });
/** "Send me a sign-in link" and using it (issue 24: a way in that password guessing cannot slow). */
export const requestSignInLinkInput = z.object({ email: emailField });
export const signInLinkInput = z.object({ token: z.string().min(20).max(200) });
export const createApiKeyInput = z.object({ name: z.string().trim().min(1, "Gi nøkkelen et navn").max(80) });
export const idInput = z.object({ id: z.uuid("Ugyldig id") });
