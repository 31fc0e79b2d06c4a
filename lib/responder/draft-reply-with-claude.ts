import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import {
  CLAUDE_REPLY_JSON_SCHEMA,
  CLAUDE_SYSTEM_PROMPT,
  buildClaudeUserMessage,
  claudeReplySchema,
} from "./claude-prompt.ts";
import type { DraftReply, ReplyContext } from "./reply-types.ts";

export type ClaudeReplyErrorKind =
  "timeout" | "rate_limited" | "server_error" | "bad_request" | "auth" | "invalid_output" | "network";

/** Why Claude gave us no usable reply. The workflow logs `kind` and sends the built-in reply instead. */
export class ClaudeReplyError extends Error {
  readonly kind: ClaudeReplyErrorKind;
  /** HTTP status from the API, when there was a response. */
  readonly status: number | undefined;
  /** Anthropic's request-id, for a support ticket. */
  readonly requestId: string | undefined;
  /** The first 1000 characters of what Claude wrote, for invalid_output. Contains customer data: log with care. */
  readonly output: string | undefined;

  constructor(
    kind: ClaudeReplyErrorKind,
    message: string,
    extra: { status?: number; requestId?: string | null; output?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = "ClaudeReplyError";
    this.kind = kind;
    this.status = extra.status;
    this.requestId = extra.requestId ?? undefined;
    this.output = extra.output?.slice(0, 1000);
  }
}

export type ClaudeReplyOptions = {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Hard deadline for the whole call, response body included. */
  timeoutMs: number;
  signal?: AbortSignal;
};

export type ClaudeDraftReply = DraftReply & {
  model: string;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number };
};

const MAX_TOKENS = 500;
const DEFAULT_BASE_URL = "https://api.anthropic.com";

type MessageParams = Anthropic.MessageCreateParamsNonStreaming;

/**
 * Drafts the first reply to a lead with Claude. One attempt, no retries: on any failure it throws a
 * ClaudeReplyError at once, and the workflow sends the built-in reply — a customer waiting seconds matters more
 * than a second try. The reply is validated here (shape, known vehicle ids), not judged: guardrails run afterwards.
 */
export async function draftReplyWithClaude(
  ctx: ReplyContext,
  options: ClaudeReplyOptions,
): Promise<ClaudeDraftReply> {
  if (!options.apiKey) throw new ClaudeReplyError("auth", "No Anthropic API key is configured");
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs));
  // The SDK's own timeout stops at the response headers; this deadline also covers a body that trickles in.
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;

  const params: MessageParams = {
    model: options.model,
    max_tokens: MAX_TOKENS,
    // Rules first and marked for caching: identical for every lead, so only the DATA below is new input.
    system: [{ type: "text", text: CLAUDE_SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: buildClaudeUserMessage(ctx) }],
    output_config: { format: { type: "json_schema", schema: CLAUDE_REPLY_JSON_SCHEMA } },
    ...chooseThinking(options.model),
  };

  let message: Anthropic.Message & { _request_id?: string | null };
  try {
    message = await getClient(options.apiKey, options.baseURL ?? DEFAULT_BASE_URL).messages.create(params, {
      timeout: timeoutMs,
      maxRetries: 0,
      signal,
    });
  } catch (error) {
    throw toClaudeReplyError(error, { timeoutMs, deadline, callerSignal: options.signal });
  }

  const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  const requestId = message._request_id;
  if (message.stop_reason === "refusal") {
    throw new ClaudeReplyError("invalid_output", "Claude refused to answer (stop_reason refusal)", {
      requestId,
      output: text,
    });
  }
  if (message.stop_reason === "max_tokens") {
    throw new ClaudeReplyError("invalid_output", `Claude's reply was cut off at ${MAX_TOKENS} tokens`, {
      requestId,
      output: text,
    });
  }
  const reply = parseReply(text, ctx, requestId);
  return {
    ...reply,
    model: message.model,
    usage: {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
      cacheCreationTokens: message.usage.cache_creation_input_tokens ?? 0,
    },
  };
}

/**
 * Thinking tokens count against max_tokens, and 500 tokens are meant for the reply; thinking also costs seconds.
 * Each model family spells "no up-front thinking" differently and a wrong spelling is a 400, so this follows the
 * model docs: Sonnet 5.5 rejects "disabled" and wants "between_tools"; Sonnet 5 and Opus 4.7–5 think unless told
 * "disabled"; Sonnet 4.x and Haiku 4.5 only think when asked. An unlisted model gets its own default.
 */
function chooseThinking(model: string): Pick<MessageParams, "thinking"> {
  if (/^claude-sonnet-5-5(?:$|-)/.test(model)) return { thinking: { type: "between_tools" } };
  if (/^claude-(?:sonnet-5|opus-4-7|opus-4-8|opus-5)$/.test(model)) return { thinking: { type: "disabled" } };
  return {};
}

let cachedClient: { key: string; client: Anthropic } | undefined;

/** One client per key and base URL, so calls reuse its keep-alive connections instead of a new TLS handshake each. */
function getClient(apiKey: string, baseURL: string): Anthropic {
  const key = `${baseURL}\n${apiKey}`;
  if (cachedClient?.key !== key) {
    cachedClient = { key, client: new Anthropic({ apiKey, baseURL, maxRetries: 0 }) };
  }
  return cachedClient.client;
}

function parseReply(text: string, ctx: ReplyContext, requestId: string | null | undefined): DraftReply {
  const fail = (why: string) => new ClaudeReplyError("invalid_output", why, { requestId, output: text });
  let json: unknown;
  try {
    json = JSON.parse(extractJsonObject(text) ?? "");
  } catch {
    throw fail("Claude's reply is not a JSON object");
  }
  const parsed = claudeReplySchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw fail(`Claude's reply has the wrong shape: ${issues}`);
  }
  const knownIds = new Set(ctx.vehicles.map((v) => v.id));
  const citedVehicleIds = [...new Set(parsed.data.citedVehicleIds)];
  const unknown = citedVehicleIds.filter((id) => !knownIds.has(id));
  if (unknown.length > 0)
    throw fail(`Claude cited vehicles that are not in the context: ${unknown.join(", ")}`);
  return {
    subject: parsed.data.subject.replace(/\s+/g, " "),
    body: parsed.data.body.replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n"),
    citedVehicleIds,
    intent: parsed.data.intent,
  };
}

/** The first balanced {...} in the text, skipping ```json fences and any prose around it; null when there is none. */
export function extractJsonObject(text: string): string | null {
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

function toClaudeReplyError(
  error: unknown,
  {
    timeoutMs,
    deadline,
    callerSignal,
  }: { timeoutMs: number; deadline: AbortSignal; callerSignal?: AbortSignal },
): ClaudeReplyError {
  // Checked before the error type: an abort can surface as an SDK error, a DOMException or a body-read TypeError.
  if (deadline.aborted || error instanceof APIConnectionTimeoutError) {
    return new ClaudeReplyError("timeout", `Claude did not answer within ${timeoutMs} ms`, { cause: error });
  }
  if (callerSignal?.aborted || error instanceof APIUserAbortError) {
    return new ClaudeReplyError("timeout", "The Claude call was aborted by the caller", { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ClaudeReplyError("network", `Could not reach the Anthropic API: ${describeCause(error)}`, {
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const extra = { status: error.status, requestId: error.requestID, cause: error };
    const why = `Anthropic API ${error.status}${error.type ? ` ${error.type}` : ""}: ${error.apiMessage ?? error.message}`;
    if (error.status === 429) return new ClaudeReplyError("rate_limited", why, extra);
    // 402 is billing: like a bad key, the account needs a human, not a retry.
    if (error.status === 401 || error.status === 402 || error.status === 403)
      return new ClaudeReplyError("auth", why, extra);
    if (error.status === 408) return new ClaudeReplyError("timeout", why, extra);
    if (error.status >= 500) return new ClaudeReplyError("server_error", why, extra);
    return new ClaudeReplyError("bad_request", why, extra);
  }
  return new ClaudeReplyError("network", `The Claude call failed: ${describeCause(error)}`, { cause: error });
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause.message})` : message;
}
