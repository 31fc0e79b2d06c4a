import { getEnv } from "../../env.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { getClientIp } from "./client-ip.ts";

/**
 * Flood guard for a vendor webhook (e-mail intake, Meta): per client address when the address is trusted
 * (TRUST_PROXY), else per source. Generous — vendors batch and retry — it only stops a runaway sender from
 * filling the queue; answered 429 with Retry-After, which the vendors retry.
 */
export async function limitWebhookRate(req: Request, source: "email" | "facebook"): Promise<void> {
  const limit = getEnv().WEBHOOK_RATE_LIMIT_PER_MINUTE;
  const ip = getClientIp(req.headers);
  await consumeRateLimit(`webhook:${source}${ip ? `:ip:${ip}` : ""}`, {
    limit,
    windowSeconds: 60,
    shards: Math.min(8, Math.ceil(limit / 100)),
  });
}

/** Per API key: API_RATE_LIMIT_PER_MINUTE calls a minute (429 with Retry-After beyond). */
export async function limitApiKeyRate(apiKeyId: string): Promise<void> {
  const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
  await consumeRateLimit(`api-key:${apiKeyId}`, {
    limit,
    windowSeconds: 60,
    shards: Math.min(4, Math.ceil(limit / 100)),
  });
}
