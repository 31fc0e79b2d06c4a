// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartup } = await import("./lib/startup/check-startup");
  await checkStartup();
  const { handleWebShutdown } = await import("./lib/startup/handle-shutdown");
  handleWebShutdown();
  const { startTelemetry } = await import("./lib/startup/start-telemetry");
  await startTelemetry();
}
