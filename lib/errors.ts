import { z } from "zod";

export type AppErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

export type FieldErrors = Record<string, string[]>;

/** An expected failure: its message is safe to show the user. Anything else is logged and masked. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;
  constructor(
    code: AppErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** Zod's field errors in the shape AppError and the action forms carry: `{ field: [message, …] }`. */
export const fieldErrorsOf = (error: z.ZodError): FieldErrors =>
  z.flattenError(error).fieldErrors as FieldErrors;

/** Validates data that came from outside: AppError bad_request with field errors when it does not fit. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  data: unknown,
  message = "Invalid fields",
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new AppError("bad_request", message, { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}
