import { getLogger } from "../log/logger.ts";

/**
 * Optional OpenTelemetry and Sentry. Neither SDK ships in the image (README "Deploy", Decisions): a deployment
 * that sets OTEL_EXPORTER_OTLP_ENDPOINT or SENTRY_DSN is told at start-up what to add, instead of silently
 * exporting nothing.
 */
export async function startTelemetry(): Promise<void> {
  const log = getLogger("telemetry");
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT)
    log.warn(
      "OTEL_EXPORTER_OTLP_ENDPOINT is set but this build has no OpenTelemetry SDK: see README, Deploy → Observability",
    );
  if (process.env.SENTRY_DSN)
    log.warn("SENTRY_DSN is set but this build has no Sentry SDK: see README, Deploy → Observability");
}
