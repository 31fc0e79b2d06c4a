// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so OpenTelemetry (when configured) sees everything after it.
  const { startTelemetry } = await import("./lib/startup/start-telemetry");
  await startTelemetry("web");
  const { checkStartup } = await import("./lib/startup/check-startup");
  await checkStartup();
  const { handleWebShutdown } = await import("./lib/startup/handle-shutdown");
  handleWebShutdown();
  const { startWebIntakeReporter } = await import("./lib/startup/start-web-intake-reporter");
  startWebIntakeReporter();
}

type RequestErrorContext = { routePath?: string; routeType?: string; routerKind?: string };

/**
 * Next calls this for every error a server component, route handler, server action or proxy throws: it goes to the
 * error tracker (Sentry, when SENTRY_DSN is set) with the route's pattern — never its path, query or headers.
 */
export async function onRequestError(
  error: unknown,
  request: { method?: string },
  context: RequestErrorContext,
): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Navigation signals (redirect(), notFound()) and dynamic-rendering bailouts are control flow, not errors.
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE")) return;
  const { reportError } = await import("./lib/startup/report-error");
  reportError(error, {
    route: context.routePath,
    route_type: context.routeType,
    router: context.routerKind,
    method: request.method,
  });
}
