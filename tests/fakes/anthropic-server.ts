import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A loopback fake of the Anthropic Messages API (POST /v1/messages), for tests and benchmarks that point the real
 * SDK at it with `baseURL: fake.url` (or ANTHROPIC_BASE_URL=fake.url). It speaks the wire format, not the SDK's:
 * real-shaped messages and errors, real status codes, `request-id` and `retry-after` headers, so the SDK's own
 * parsing and error classes run.
 *
 *   const fake = await startFakeAnthropic({ apiKey: "test-key" });
 *   fake.reply('{"subject": …}');            // every later request gets this text
 *   fake.failWith(529);                      // … or an overloaded_error
 *   fake.failNext(1, 429);                   // only the next request, then back to the sticky behaviour
 *   fake.once({ reply: "…", stopReason: "max_tokens" });
 *   fake.delay(5_000);                       // wait before answering (the client may give up first)
 *   fake.handle((req) => ({ reply: … }));    // decide per request
 *   fake.requests[0].body.model              // what the client sent
 *   await fake.close();
 *
 * Out of the box (and after reset()) it answers with a VALID Norvalt reply derived from the request: see
 * composeDefaultReply. What it checks like the real API: the key (401), the path (404), a JSON body with model,
 * max_tokens and messages (400), the anthropic-version header (400), and no sampling parameters from API version
 * 2026-10-21 on (400). Prompt caching is simulated per process: the first request with a given cached system
 * prefix reports cache_creation_input_tokens, later ones cache_read_input_tokens (no minimum length). Tokens are
 * estimated as characters / 4. No streaming, no tools.
 */

export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error";

type TextBlock = { type: "text"; text: string; cache_control?: { type: string; ttl?: string } };

/** The parts of a Messages request body the fake reads; everything else is kept as sent. */
export type MessagesRequestBody = {
  model?: string;
  max_tokens?: number;
  system?: string | TextBlock[];
  messages?: { role: string; content: string | { type: string; text?: string }[] }[];
  [field: string]: unknown;
};

export type FakeAnthropicRequest = {
  method: string;
  /** Path without the query string, e.g. "/v1/messages". */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: MessagesRequestBody | undefined;
  rawBody: string;
  receivedAt: Date;
};

export type FakeUsage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

/** What the fake does with one request. */
export type FakeOutcome =
  | {
      /** The assistant's text, sent as one text block. */
      reply: string;
      stopReason?: "end_turn" | "max_tokens" | "stop_sequence" | "refusal";
      /** Overrides of the estimated usage. */
      usage?: Partial<FakeUsage>;
      /** Overrides the `model` echoed back (default: the requested model). */
      model?: string;
    }
  | {
      error: {
        status: number;
        /** Default: the type the real API uses for that status. */
        type?: AnthropicErrorType;
        message?: string;
        /** Sent as `retry-after` (default 1 on 429). */
        retryAfterSeconds?: number;
      };
    }
  /** Anything at all, e.g. a broken body or an HTML error page from a proxy. */
  | { raw: { status: number; headers?: Record<string, string>; body: string } };

export type FakeHandler = (request: FakeAnthropicRequest) => FakeOutcome | Promise<FakeOutcome>;

export type FakeAnthropic = {
  /** Base URL for the SDK (`new Anthropic({ baseURL: fake.url })`), no trailing slash. */
  readonly url: string;
  /** Every request received, oldest first, including rejected ones. */
  readonly requests: FakeAnthropicRequest[];
  /** From now on, answer with this text (or the text a function makes from the request). */
  reply(text: string | ((request: FakeAnthropicRequest) => string)): void;
  /** From now on, answer with an API error. */
  failWith(status: number, type?: AnthropicErrorType, message?: string): void;
  /** From now on, wait this long before answering (0 to stop). Applies to queued outcomes too. */
  delay(ms: number): void;
  /** The same as delay(), under the name the other fakes use (benchmarks). */
  setLatency(ms: number): void;
  /** From now on, let a function decide. */
  handle(handler: FakeHandler): void;
  /** Queue an outcome for the next request only; queued outcomes are used before the sticky behaviour. */
  once(outcome: FakeOutcome | FakeHandler): void;
  /** The next `count` requests answer an API error (default 500), then the sticky behaviour resumes. */
  failNext(count: number, status?: number, type?: AnthropicErrorType): void;
  /** Back to the default reply, no delay, no queue, no recorded requests, an empty prompt cache. */
  reset(): void;
  close(): Promise<void>;
};

const DEFAULT_ERROR_TYPES: Record<number, AnthropicErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const DEFAULT_ERROR_MESSAGES: Record<AnthropicErrorType, string> = {
  invalid_request_error: "Invalid request",
  authentication_error: "invalid x-api-key",
  billing_error: "Your credit balance is too low to access the Anthropic API.",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "Not found",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error: "This request would exceed your organization's rate limit. Please try again later.",
  api_error: "Internal server error",
  timeout_error: "Request timed out",
  overloaded_error: "Overloaded",
};

/** API version from which sampling parameters are rejected outright (SDK 1.x sends it by default). */
const SAMPLING_FREE_API_VERSION = "2026-10-21";

/**
 * Starts the fake on 127.0.0.1 (`port`, default a free one). `apiKey`: the only key accepted (as x-api-key or
 * Authorization: Bearer); without it any non-empty key is.
 */
export async function startFakeAnthropic(
  options: { apiKey?: string; port?: number } = {},
): Promise<FakeAnthropic> {
  const requests: FakeAnthropicRequest[] = [];
  const queue: (FakeOutcome | FakeHandler)[] = [];
  const seenCachePrefixes = new Set<string>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let sticky: FakeHandler = (req) => ({ reply: composeDefaultReply(req) });
  let delayMs = 0;

  const server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, {}, errorBody("api_error", `Fake failed: ${String(error)}`));
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const rawBody = await readBody(req);
    const request: FakeAnthropicRequest = {
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0]!,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(", ") : (value ?? ""),
        ]),
      ),
      body: parseJson(rawBody),
      rawBody,
      receivedAt: new Date(),
    };
    requests.push(request);

    const rejection = validate(request, options.apiKey);
    const next = rejection ?? queue.shift() ?? sticky;
    const outcome = typeof next === "function" ? await next(request) : next;
    if (delayMs > 0 && !(await wait(delayMs, res))) return; // the client hung up while we waited
    if (res.destroyed) return;
    write(res, request, outcome);
  }

  function write(res: ServerResponse, request: FakeAnthropicRequest, outcome: FakeOutcome) {
    const requestId = `req_${randomId()}`;
    if ("raw" in outcome) {
      send(res, outcome.raw.status, { "request-id": requestId, ...outcome.raw.headers }, outcome.raw.body);
    } else if ("error" in outcome) {
      const { status, message } = outcome.error;
      const type =
        outcome.error.type ??
        DEFAULT_ERROR_TYPES[status] ??
        (status >= 500 ? "api_error" : "invalid_request_error");
      const headers: Record<string, string> = { "request-id": requestId };
      const retryAfter = outcome.error.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
      send(res, status, headers, errorBody(type, message ?? DEFAULT_ERROR_MESSAGES[type], requestId));
    } else {
      const usage = { ...estimateUsage(request, outcome.reply, seenCachePrefixes), ...outcome.usage };
      send(
        res,
        200,
        { "request-id": requestId },
        JSON.stringify({
          id: `msg_${randomId()}`,
          type: "message",
          role: "assistant",
          model: outcome.model ?? request.body?.model ?? "claude-sonnet-5-5",
          content: [{ type: "text", text: outcome.reply, citations: null }],
          stop_reason: outcome.stopReason ?? "end_turn",
          stop_sequence: null,
          stop_details: null,
          container: null,
          usage: {
            ...usage,
            cache_creation: {
              ephemeral_5m_input_tokens: usage.cache_creation_input_tokens,
              ephemeral_1h_input_tokens: 0,
            },
            inference_geo: null,
            output_tokens_details: null,
            server_tool_use: null,
            service_tier: "standard",
            speed: "standard",
          },
        }),
      );
    }
  }

  function wait(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        res.off("close", onClose);
        resolve(true);
      }, ms);
      const onClose = () => {
        clearTimeout(timer);
        pendingTimers.delete(timer);
        resolve(false);
      };
      pendingTimers.add(timer);
      res.once("close", onClose);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(text) {
      sticky = (req) => ({ reply: typeof text === "function" ? text(req) : text });
    },
    failWith(status, type, message) {
      sticky = () => ({ error: { status, type, message } });
    },
    delay(ms) {
      delayMs = Math.max(0, ms);
    },
    setLatency(ms) {
      delayMs = Math.max(0, ms);
    },
    handle(handler) {
      sticky = handler;
    },
    once(outcome) {
      queue.push(outcome);
    },
    failNext(count, status = 500, type) {
      for (let i = 0; i < count; i++) queue.push({ error: { status, type } });
    },
    reset() {
      sticky = (req) => ({ reply: composeDefaultReply(req) });
      delayMs = 0;
      queue.length = 0;
      requests.length = 0;
      seenCachePrefixes.clear();
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** All user-message text of a request, joined — where Norvalt puts the per-lead DATA. */
export function readUserText(request: FakeAnthropicRequest): string {
  return (request.body?.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => (typeof m.content === "string" ? m.content : m.content.map((b) => b.text ?? "").join("\n")))
    .join("\n");
}

/** The system prompt as one string, whether it was sent as a string or as text blocks. */
export function readSystemText(request: FakeAnthropicRequest): string {
  const system = request.body?.system;
  return typeof system === "string" ? system : (system ?? []).map((b) => b.text).join("\n");
}

/**
 * The default answer: a valid Norvalt reply JSON built from the DATA in the user message (see
 * lib/responder/build-claude-user-message.ts): it greets `fornavn:`, names and cites the first `<bil id="…">` whose status is
 * «tilgjengelig», and promises contact with the `når selgeren tar kontakt:` phrase. Without those markers it
 * still returns valid JSON (plain greeting, no cited cars).
 */
export function composeDefaultReply(request: FakeAnthropicRequest): string {
  const data = readUserText(request);
  const firstName = /^fornavn: (.+)$/m.exec(data)?.[1]?.trim();
  const when = /^når selgeren tar kontakt: (.+)$/m.exec(data)?.[1]?.trim() ?? "så snart som mulig";
  const car = [...data.matchAll(/<bil id="([^"]+)">([\s\S]*?)<\/bil>/g)]
    .map(([, id, block]) => ({ id: id!, block: block!, title: /^bil: (.+)$/m.exec(block!)?.[1]?.trim() }))
    .find((v) => /^status: tilgjengelig$/m.test(v.block));
  const greeting = firstName && firstName !== "ukjent" ? `Hei ${firstName}!` : "Hei!";
  const about = car?.title ? ` om ${car.title}` : "";
  const availability = car?.title ? ` ${car.title} er tilgjengelig hos oss.` : "";
  return JSON.stringify({
    subject: `Takk for henvendelsen${about}`,
    body: `${greeting}\n\nTakk for henvendelsen${about}.${availability} En av våre selgere tar kontakt med deg ${when}.`,
    citedVehicleIds: car ? [car.id] : [],
    intent: "general",
  });
}

function validate(request: FakeAnthropicRequest, apiKey: string | undefined): FakeOutcome | undefined {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  const sentKey = request.headers["x-api-key"] || bearer;
  if (!sentKey || (apiKey !== undefined && sentKey !== apiKey)) {
    return { error: { status: 401, message: "invalid x-api-key" } };
  }
  if (request.method !== "POST" || request.path !== "/v1/messages") {
    return { error: { status: 404, message: `${request.method} ${request.path} not found` } };
  }
  const version = request.headers["anthropic-version"];
  if (!version) return { error: { status: 400, message: "anthropic-version: header is required" } };
  const body = request.body;
  if (!body)
    return { error: { status: 400, message: "There was an issue with the request body: not valid JSON" } };
  for (const field of ["model", "max_tokens", "messages"] as const) {
    if (body[field] === undefined) return { error: { status: 400, message: `${field}: Field required` } };
  }
  if (version >= SAMPLING_FREE_API_VERSION) {
    const sampling = ["temperature", "top_p", "top_k"].find((field) => field in body);
    if (sampling) return { error: { status: 400, message: `${sampling}: Extra inputs are not permitted` } };
  }
  return undefined;
}

function estimateUsage(
  request: FakeAnthropicRequest,
  reply: string,
  seenCachePrefixes: Set<string>,
): FakeUsage {
  const tokens = (text: string) => Math.ceil(text.length / 4);
  const system = request.body?.system;
  const blocks = typeof system === "string" ? [{ type: "text" as const, text: system }] : (system ?? []);
  const lastCached = blocks.findLastIndex((b) => "cache_control" in b && b.cache_control);
  const prefix = lastCached >= 0 ? blocks.slice(0, lastCached + 1) : [];
  const prefixTokens = tokens(prefix.map((b) => b.text).join(""));
  const totalTokens = tokens(readSystemText(request)) + tokens(readUserText(request));
  const prefixKey = `${request.body?.model}\n${JSON.stringify(prefix)}`;
  const cacheHit = prefix.length > 0 && seenCachePrefixes.has(prefixKey);
  if (prefix.length > 0) seenCachePrefixes.add(prefixKey);
  return {
    input_tokens: Math.max(1, totalTokens - prefixTokens),
    output_tokens: tokens(reply),
    cache_creation_input_tokens: prefix.length > 0 && !cacheHit ? prefixTokens : 0,
    cache_read_input_tokens: cacheHit ? prefixTokens : 0,
  };
}

function errorBody(type: AnthropicErrorType, message: string, requestId?: string): string {
  return JSON.stringify({
    type: "error",
    error: { type, message },
    ...(requestId ? { request_id: requestId } : {}),
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): MessagesRequestBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as MessagesRequestBody)
      : undefined;
  } catch {
    return undefined;
  }
}

function randomId(): string {
  return `01${randomBytes(12).toString("base64url")}`;
}
