// Sentry through @sentry/core (2 packages, pure JS): its client builds the event (stack parsed, linked errors,
// dedupe) and the envelope, and its transport honours Sentry's rate limits; we post the envelope with fetch.
// Not @sentry/node (23 packages, 95 MB, a native parser, ~1 s to load) nor @sentry/nextjs (its CLI downloads a
// binary at install): README, Decisions.
import {
  createStackParser,
  createTransport,
  dedupeIntegration,
  linkedErrorsIntegration,
  Scope,
  type Event,
  type Transport,
  type TransportRequest,
} from "@sentry/core";
import { nodeStackLineParser, ServerRuntimeClient } from "@sentry/core/server";
import type { ErrorReporter } from "./error-reporter.ts";

export type SentryReporterOptions = {
  dsn: string;
  /** Applied to every string of an event before it leaves (personal data: e-mail addresses, phones, SQL values). */
  scrub: (text: string) => string;
  environment?: string;
  release?: string;
  /** Tests inject a fetch; defaults to the global one. */
  fetch?: typeof fetch;
};

const SEND_TIMEOUT_MS = 5_000;

export function createSentryErrorReporter(options: SentryReporterOptions): ErrorReporter {
  const doFetch = options.fetch ?? fetch;
  const client = new ServerRuntimeClient({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    platform: "node",
    runtime: { name: "node", version: process.version },
    sendDefaultPii: false,
    stackParser: createStackParser(nodeStackLineParser()),
    integrations: [linkedErrorsIntegration(), dedupeIntegration()],
    transport: (transportOptions): Transport =>
      createTransport(transportOptions, async (request: TransportRequest) => {
        const res = await doFetch(transportOptions.url, {
          method: "POST",
          headers: { "content-type": "application/x-sentry-envelope" },
          body: request.body as BodyInit,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        await res.arrayBuffer().catch(() => undefined);
        return {
          statusCode: res.status,
          headers: {
            "x-sentry-rate-limits": res.headers.get("x-sentry-rate-limits"),
            "retry-after": res.headers.get("retry-after"),
          },
        };
      }),
    beforeSend: (event) => scrubEvent(event, options.scrub),
  });
  client.init();
  return {
    captureException(error, tags) {
      try {
        const scope = new Scope();
        scope.setClient(client);
        for (const [key, value] of Object.entries(tags ?? {})) if (value) scope.setTag(key, value);
        client.captureException(error, undefined, scope);
      } catch {
        // Reporting must never take the request or the job down with it.
      }
    },
    flush: async (timeoutMs) => client.flush(timeoutMs),
  };
}

/** No user, no request, no breadcrumbs; every string scrubbed (messages, exception values, tags, extras). */
export function scrubEvent<E extends Event>(event: E, scrub: (text: string) => string): E {
  const { user: _user, request: _request, breadcrumbs: _breadcrumbs, ...rest } = event;
  return scrubStrings(rest, scrub, 0) as E;
}

function scrubStrings(value: unknown, scrub: (text: string) => string, depth: number): unknown {
  if (typeof value === "string") return scrub(value);
  if (depth > 12 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, scrub, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, scrub, depth + 1);
  return out;
}
