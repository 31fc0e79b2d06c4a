import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import { z } from "zod";
import { outcomeOf, type Llm, type LlmCall, type LlmError, type LlmResult } from "./llm.ts";

export type AnthropicLlmOptions = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Hard deadline for the whole call, response body included. */
  timeoutMs: number;
};

type MessageParams = Anthropic.MessageCreateParamsNonStreaming;

const DEFAULT_BASE_URL = "https://api.anthropic.com";

/**
 * The Anthropic Messages API adapter. One client for the adapter's life (its keep-alive connections are reused
 * instead of a TLS handshake per call) and one attempt per call, no SDK retries: every caller has a built-in
 * answer, and a customer waiting seconds matters more than a second try.
 */
export function createAnthropicLlm(options: AnthropicLlmOptions): Llm {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    maxRetries: 0,
  });
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs));

  return {
    async generate(request) {
      const startedAt = performance.now();
      const call = (extra: Partial<LlmCall> = {}): LlmCall => ({
        model: options.model,
        latencyMs: Math.round(performance.now() - startedAt),
        usage: null,
        requestId: undefined,
        ...extra,
      });
      const fail = (error: LlmError, extra: Partial<LlmCall> = {}) =>
        ({ ...call(extra), outcome: outcomeOf(error.kind), error }) as const;
      if (!options.apiKey) return fail({ kind: "auth", message: "No Anthropic API key is configured" });

      // The SDK's own timeout stops at the response headers; this deadline also covers a body that trickles in.
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
      const params: MessageParams = {
        model: options.model,
        max_tokens: request.maxTokens,
        // The fixed rules first and marked for caching, so only the per-call data is new input.
        system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }],
        messages: [{ role: "user", content: request.user }],
        output_config: { format: { type: "json_schema", schema: toStructuredOutputSchema(request.schema) } },
        ...chooseThinking(options.model),
      };

      let message: Anthropic.Message & { _request_id?: string | null };
      try {
        message = await client.messages.create(params, { timeout: timeoutMs, maxRetries: 0, signal });
      } catch (error) {
        const mapped = toLlmError(error, { timeoutMs, deadline, callerSignal: request.signal });
        return fail(mapped, {
          requestId: error instanceof APIError ? (error.requestID ?? undefined) : undefined,
        });
      }

      const answered = call({
        model: message.model,
        requestId: message._request_id ?? undefined,
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
          cacheCreationTokens: message.usage.cache_creation_input_tokens ?? 0,
        },
      });
      const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
      const invalid = (why: string): LlmResult<never> => ({
        ...answered,
        outcome: "invalid_output",
        error: { kind: "invalid_output", message: why, output: text },
      });
      if (message.stop_reason === "refusal")
        return invalid("The model refused to answer (stop_reason refusal)");
      if (message.stop_reason === "max_tokens")
        return invalid(`The model's answer was cut off at ${request.maxTokens} tokens`);
      let json: unknown;
      try {
        json = JSON.parse(extractJsonObject(text) ?? "");
      } catch {
        return invalid("The model's answer is not a JSON object");
      }
      const parsed = request.schema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
        return invalid(`The model's answer has the wrong shape: ${issues.join("; ").slice(0, 500)}`);
      }
      return { ...answered, outcome: "ok", output: parsed.data, text };
    },
  };
}

const structuredSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * The zod schema as structured output: z.toJSONSchema for the JSON the model writes (zod's input), then the SDK's
 * own transform (what its zodOutputFormat does), which moves keywords the API rejects (lengths, bounds) into
 * descriptions; zod still checks them. Computed once per schema.
 */
function toStructuredOutputSchema(schema: z.ZodType): Record<string, unknown> {
  let json = structuredSchemas.get(schema);
  if (!json) {
    json = transformJSONSchema(z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>);
    structuredSchemas.set(schema, json);
  }
  return json;
}

/**
 * Thinking tokens count against max_tokens, which is sized for the answer; thinking also costs seconds. Each
 * model family spells "no up-front thinking" differently and a wrong spelling is a 400, so this follows the model
 * docs: Sonnet 5.5 rejects "disabled" and wants "between_tools"; Sonnet 5 and Opus 4.7–5 think unless told
 * "disabled"; Sonnet 4.x and Haiku 4.5 only think when asked. An unlisted model gets its own default.
 */
function chooseThinking(model: string): Pick<MessageParams, "thinking"> {
  if (/^claude-sonnet-5-5(?:$|-)/.test(model)) return { thinking: { type: "between_tools" } };
  if (/^claude-(?:sonnet-5|opus-4-7|opus-4-8|opus-5)$/.test(model)) return { thinking: { type: "disabled" } };
  return {};
}

/** The first balanced {...} in the text, skipping ```json fences and any prose around it; null when there is none. */
function extractJsonObject(text: string): string | null {
  const unfenced = text.replace(/```(?:json)?/gi, "");
  const start = unfenced.indexOf("{");
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < unfenced.length; i++) {
    const ch = unfenced[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return unfenced.slice(start, i + 1);
  }
  return null;
}

function toLlmError(
  error: unknown,
  {
    timeoutMs,
    deadline,
    callerSignal,
  }: { timeoutMs: number; deadline: AbortSignal; callerSignal?: AbortSignal },
): LlmError {
  // Checked before the error type: an abort can surface as an SDK error, a DOMException or a body-read TypeError.
  if (deadline.aborted || error instanceof APIConnectionTimeoutError) {
    return { kind: "timeout", message: `The model did not answer within ${timeoutMs} ms`, cause: error };
  }
  if (callerSignal?.aborted || error instanceof APIUserAbortError) {
    return { kind: "timeout", message: "The model call was aborted by the caller", cause: error };
  }
  if (error instanceof APIConnectionError) {
    return {
      kind: "network",
      message: `Could not reach the Anthropic API: ${describeCause(error)}`,
      cause: error,
    };
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const message = `Anthropic API ${error.status}${error.type ? ` ${error.type}` : ""}: ${error.apiMessage ?? error.message}`;
    const base = { message, status: error.status, cause: error };
    if (error.status === 429) return { kind: "rate_limited", ...base };
    // 402 is billing: like a bad key, the account needs a human, not a retry.
    if (error.status === 401 || error.status === 402 || error.status === 403)
      return { kind: "auth", ...base };
    if (error.status === 408) return { kind: "timeout", ...base };
    if (error.status >= 500) return { kind: "server_error", ...base };
    return { kind: "bad_request", ...base };
  }
  return { kind: "network", message: `The model call failed: ${describeCause(error)}`, cause: error };
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause.message})` : message;
}
