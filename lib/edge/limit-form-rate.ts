import { getEnv } from "../../env.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { getClientIp } from "./client-ip.ts";

/**
 * PRD: 10 requests a minute per client address per form, plus a small burst. Without a trusted client address
 * (no TRUST_PROXY) every visitor would share one bucket, so only the generous per-form limit applies then.
 */
export async function limitFormRate(req: Request, formKey: string): Promise<void> {
  const env = getEnv();
  const ip = getClientIp(req.headers);
  const perForm = env.FORM_RATE_LIMIT_PER_FORM_PER_MINUTE;
  // Every post to a form touches this counter: spread it over a few rows so posts do not queue on one row lock
  // (one row made it the slowest statement of bench:ingest). Small limits keep one row and stay exact.
  await consumeRateLimit(`form:${formKey}`, {
    limit: perForm,
    windowSeconds: 60,
    shards: Math.min(8, Math.ceil(perForm / 50)),
  });
  if (ip) {
    await consumeRateLimit(`form:${formKey}:ip:${ip}`, {
      limit: env.FORM_RATE_LIMIT_PER_MINUTE + env.FORM_RATE_LIMIT_BURST,
      windowSeconds: 60,
    });
  }
}
