import type { ErrorReporter, ErrorTags } from "../integrations/error-reporter/error-reporter.ts";

// The process's error reporter (Sentry when SENTRY_DSN is set, see start-telemetry.ts); nothing otherwise.
const holder = globalThis as { __norvaltErrorReporter?: ErrorReporter };

export function setErrorReporter(reporter: ErrorReporter | undefined): void {
  holder.__norvaltErrorReporter = reporter;
}

/** An unexpected error of a request or a job; a no-op without an error tracker. Never throws. */
export function reportError(error: unknown, tags?: ErrorTags): void {
  holder.__norvaltErrorReporter?.captureException(error, tags);
}

/** Before the process exits: send what is queued (at most `timeoutMs`). */
export async function flushErrorReports(timeoutMs = 2_000): Promise<void> {
  await holder.__norvaltErrorReporter?.flush(timeoutMs).catch(() => false);
}
