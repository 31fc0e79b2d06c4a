import type { z } from "zod";

export type LlmRequest<Schema extends z.ZodType> = {
  /** The fixed instructions, the same for every call of a purpose: sent marked for the prompt cache. */
  system: string;
  /** This call's data. */
  user: string;
  /**
   * The answer's shape. Its JSON schema (z.toJSONSchema) goes to the model as structured output, and the answer
   * is checked with it: what the model is told and what we accept cannot drift apart.
   */
  schema: Schema;
  maxTokens: number;
  /** The caller's own deadline or cancellation, on top of the adapter's timeout. */
  signal?: AbortSignal;
};

export type LlmUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
};

/** What every model call leaves behind for the record, whatever its outcome. */
export type LlmCall = {
  model: string;
  latencyMs: number;
  /** Null when the API gave no answer to count (timeout, network, an error status). */
  usage: LlmUsage | null;
  /** The provider's request id, for a support ticket. */
  requestId: string | undefined;
};

/** How a call ended, as recorded; api_error covers 5xx, 4xx, a refused key and network failures. */
export type LlmOutcome = "ok" | "timeout" | "rate_limited" | "api_error" | "invalid_output";
export type LlmErrorKind =
  "timeout" | "rate_limited" | "server_error" | "bad_request" | "auth" | "network" | "invalid_output";

export type LlmError = {
  kind: LlmErrorKind;
  message: string;
  /** HTTP status from the API, when there was a response. */
  status?: number;
  /** What the model wrote, for invalid_output. Contains customer data: log with care. */
  output?: string;
  cause?: unknown;
};

export type LlmResult<T> =
  | (LlmCall & { outcome: "ok"; output: T; text: string })
  | (LlmCall & { outcome: Exclude<LlmOutcome, "ok">; error: LlmError })
  /** The dev adapter: no key is set, so no call was made and the caller uses its built-in answer. */
  | { outcome: "not_configured" };

/**
 * The model port: one call, structured output in, zod-checked output out. It never throws for an API problem:
 * every outcome comes back as a value carrying model, latency and tokens, so the domain can record it.
 */
export interface Llm {
  generate<Schema extends z.ZodType>(request: LlmRequest<Schema>): Promise<LlmResult<z.output<Schema>>>;
}

export function outcomeOf(kind: LlmErrorKind): Exclude<LlmOutcome, "ok"> {
  if (kind === "timeout" || kind === "rate_limited" || kind === "invalid_output") return kind;
  return "api_error";
}
