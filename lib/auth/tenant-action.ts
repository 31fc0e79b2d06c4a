import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { UserRole } from "../../db/schema/enums.ts";
import { requestLocale } from "../../i18n/request-locale.ts";
import { translateServerMessage } from "../../i18n/server-messages.ts";
import { fieldErrorsOf, isAppError, type FieldErrors } from "../errors.ts";
import { getSession } from "./get-session.ts";
import type { Session } from "./session-types.ts";
import { getLogger } from "../log/logger.ts";
import { normalizeInput } from "../text/clean-input.ts";

export type ActionState<T = unknown> =
  { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: FieldErrors } | null;

type ActionInput<S extends z.ZodType> = FormData | z.input<S>;

/**
 * The one wrapper for dashboard mutations: resolves the session (never trusting a tenant id from the client),
 * checks the role, validates the input, and maps expected errors to form state. `fn` calls domain functions,
 * which open their own withTenant transaction so they can send e-mail only after commit.
 */
export function tenantAction<S extends z.ZodType, R>(
  schema: S,
  fn: (input: z.output<S>, session: Session) => Promise<R>,
  options: { roles: readonly UserRole[] },
) {
  return async (_previous: ActionState<R>, raw: ActionInput<S>): Promise<ActionState<R>> => {
    const session = await getSession();
    if (!session) return inReadersLanguage({ ok: false, error: "Du er ikke logget inn" });
    if (!options.roles.includes(session.role))
      return inReadersLanguage({ ok: false, error: "Du har ikke tilgang til dette" });
    return inReadersLanguage(await runValidated(schema, raw, (input) => fn(input, session)));
  };
}

/** Same validation and error mapping for the forms used before sign-in (log in, sign up, reset, invitation). */
export function publicAction<S extends z.ZodType, R>(schema: S, fn: (input: z.output<S>) => Promise<R>) {
  return async (_previous: ActionState<R>, raw: ActionInput<S>): Promise<ActionState<R>> =>
    inReadersLanguage(await runValidated(schema, raw, fn));
}

/** A failure's message and field errors in the reader's language (the domain writes them in Norwegian). */
async function inReadersLanguage<R>(state: ActionState<R>): Promise<ActionState<R>> {
  if (!state || state.ok) return state;
  const locale = await requestLocale();
  if (locale === "nb") return state;
  const fieldErrors = state.fieldErrors
    ? Object.fromEntries(
        Object.entries(state.fieldErrors).map(([field, messages]) => [
          field,
          messages.map((m) => translateServerMessage(m, locale)),
        ]),
      )
    : undefined;
  return { ...state, error: translateServerMessage(state.error, locale), fieldErrors } as ActionState<R>;
}

async function runValidated<S extends z.ZodType, R>(
  schema: S,
  raw: ActionInput<S>,
  fn: (input: z.output<S>) => Promise<R>,
): Promise<ActionState<R>> {
  let cleaned: unknown;
  try {
    // The same text hygiene and shape limits as the API routes (NUL, lone surrogates, control characters, NFC).
    cleaned = normalizeInput(raw instanceof FormData ? Object.fromEntries(raw) : raw);
  } catch (err) {
    if (isAppError(err)) return { ok: false, error: err.message };
    throw err;
  }
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success)
    return { ok: false, error: "Sjekk feltene som er markert", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await fn(parsed.data) };
  } catch (err) {
    unstable_rethrow(err); // redirect() and notFound() are control flow, not failures
    if (isAppError(err)) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
    getLogger("action").error({ err }, "server action failed");
    return { ok: false, error: "Noe gikk galt. Prøv igjen." };
  }
}
