import { getLogger } from "../log/logger.ts";
import { scrubText } from "../log/redact.ts";
import { setErrorReporter } from "./report-error.ts";

/**
 * Optional OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT) and Sentry error reports (SENTRY_DSN), for the web
 * process (instrumentation.ts) and the worker. Each SDK is imported only when its variable is set, so a deployment
 * without them loads nothing (README "Deploy" → Observability, Decisions).
 */
export async function startTelemetry(process_: "web" | "worker"): Promise<void> {
  const log = getLogger("telemetry");
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint) {
    try {
      const { startOpenTelemetry } = await import("./start-open-telemetry.ts");
      startOpenTelemetry({
        endpoint,
        protocol: process.env.OTEL_EXPORTER_OTLP_PROTOCOL,
        headers: process.env.OTEL_EXPORTER_OTLP_HEADERS,
        serviceName: process.env.OTEL_SERVICE_NAME ?? `norvalt-${process_}`,
      });
      log.info({ endpoint: new URL(endpoint).origin }, "OpenTelemetry traces exported");
    } catch (err) {
      log.error({ err }, "OpenTelemetry could not start; continuing without traces");
    }
  }
  const dsn = process.env.SENTRY_DSN;
  if (dsn) {
    try {
      const { createSentryErrorReporter } =
        await import("../integrations/error-reporter/sentry-error-reporter.ts");
      setErrorReporter(
        createSentryErrorReporter({
          dsn,
          scrub: scrubText,
          environment: process.env.SENTRY_ENVIRONMENT ?? process.env.NODE_ENV,
          release: process.env.SENTRY_RELEASE,
        }),
      );
      log.info({ host: new URL(dsn).host }, "Sentry error reports enabled");
    } catch (err) {
      log.error({ err }, "Sentry could not start; continuing without error reports");
    }
  }
}
