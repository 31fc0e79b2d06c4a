// The error-reporting port: unexpected server errors go to an error tracker (Sentry) when one is configured.
// Reports carry the error's type, scrubbed message and stack, and a few tags (route, queue) — never request data.

export type ErrorTags = Record<string, string | undefined>;

export interface ErrorReporter {
  /** Queues the error for sending; never throws and never waits for the network. */
  captureException(error: unknown, tags?: ErrorTags): void;
  /** Sends what is queued; resolves false when `timeoutMs` passed first. */
  flush(timeoutMs: number): Promise<boolean>;
}
