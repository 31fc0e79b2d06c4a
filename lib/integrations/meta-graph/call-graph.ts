import { createHmac } from "node:crypto";
import { getEnv } from "../../../env.ts";
import { GraphError } from "./graph-error.ts";

export type GraphRequest = {
  method?: "GET" | "POST" | "DELETE";
  token?: string;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One Graph API call: `{FACEBOOK_GRAPH_URL}/{version}/{path}`. The token goes in the Authorization header (not the
 * URL, which proxies log) with `appsecret_proof` when the app secret is known, as Meta recommends for server calls.
 */
export async function callGraph<T>(path: string, request: GraphRequest = {}): Promise<T> {
  const env = getEnv();
  const url = new URL(
    `${env.FACEBOOK_GRAPH_URL.replace(/\/$/, "")}/${env.FACEBOOK_GRAPH_VERSION}/${path.replace(/^\//, "")}`,
  );
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  if (request.token && env.FACEBOOK_APP_SECRET)
    url.searchParams.set("appsecret_proof", appSecretProof(request.token, env.FACEBOOK_APP_SECRET));
  const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? "GET",
      headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
      signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
  } catch (err) {
    if (request.signal?.aborted) throw err;
    const reason = timeout.aborted ? "timed out" : (err as Error).message;
    throw new GraphError(`Graph API ${path}: ${reason}`, null);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new GraphError(`Graph API ${path}: HTTP ${response.status}, not JSON`, response.status);
  }
  const error = (body as { error?: { message?: string; code?: number; error_subcode?: number } }).error;
  if (!response.ok || error) {
    throw new GraphError(
      `Graph API ${path}: ${error?.message ?? `HTTP ${response.status}`}`,
      response.status,
      error?.code ?? null,
      error?.error_subcode ?? null,
    );
  }
  return body as T;
}

export function appSecretProof(token: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(token).digest("hex");
}

/**
 * `call` again after each delay while it fails with a transient GraphError (PRD: 2 s, 4 s, 8 s); then the last
 * error is thrown and the job's own retries take over. Token and other client errors are thrown at once.
 */
export async function retryTransientGraphErrors<T>(
  call: () => Promise<T>,
  options: { delaysMs: readonly number[]; signal?: AbortSignal },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const delay = options.delaysMs[attempt];
      if (!(err instanceof GraphError) || !err.isTransient || delay === undefined) throw err;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        options.signal?.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            reject(options.signal!.reason);
          },
          { once: true },
        );
      });
    }
  }
}
