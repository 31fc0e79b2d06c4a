// A loopback fake of Resend's e-mail API for tests and benchmarks: the real SDK talks to it over HTTP
// (createResendMailer({ apiKey, baseUrl: fake.url }) or RESEND_BASE_URL=fake.url).
//
//   const fake = await startFakeResend();                 // { apiKey: "re_test_fake" } by default
//   const mailer = createResendMailer({ apiKey: fake.apiKey, baseUrl: fake.url });
//   fake.failNext(2, 500);                                 // the next two POST /emails answer 500
//   … expect(fake.emails).toHaveLength(1); fake.requests shows every attempt, Idempotency-Key included
//   await fake.close();
//
// Speaks: POST /emails (Bearer auth, JSON, Idempotency-Key like Resend: same key + same body → the first answer
// again and no second e-mail; same key + other body → 409 invalid_idempotent_request), GET /emails/:id, and
// GET /emails (Resend's "list sent emails": newest first, `limit` 1–100, no bodies — fetch one by id for those).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An e-mail the fake accepted, as Resend's API received it (snake_case fields, e.g. reply_to). */
export type FakeResendEmail = {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  reply_to?: string[];
  headers?: Record<string, string>;
  /** The whole JSON body as sent. */
  body: Record<string, unknown>;
  createdAt: Date;
};

/** Every request that reached the fake, accepted or not. */
export type FakeResendRequest = {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
  status: number;
};

export type FakeResend = {
  url: string;
  apiKey: string;
  emails: FakeResendEmail[];
  requests: FakeResendRequest[];
  /** The next `count` POST /emails answer `status` with a Resend-shaped error (and send nothing). */
  failNext(count: number, status?: number, error?: { name?: string; message?: string }): void;
  /** Adds this much latency to every answer (benchmarks). */
  setLatency(ms: number): void;
  /** Forgets e-mails, requests, idempotency keys and pending failures. */
  /** Drops pending failures only (the end of an outage), keeping what was sent. */
  clearFailures(): void;
  reset(): void;
  close(): Promise<void>;
};

type Failure = { status: number; name: string; message: string };

export async function startFakeResend(options: { apiKey?: string; port?: number } = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? "re_test_fake";
  const emails: FakeResendEmail[] = [];
  const requests: FakeResendRequest[] = [];
  const failures: Failure[] = [];
  const byKey = new Map<string, { body: string; status: number; answer: unknown }>();
  let latencyMs = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const authorization = req.headers.authorization ?? null;
    const idempotencyKey = header(req, "idempotency-key");
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Recorded as text; the route answers 422 below where a body is required.
    }
    const answer = (status: number, payload: unknown) => {
      requests.push({ method: req.method ?? "", path, authorization, idempotencyKey, body, status });
      return send(res, status, payload, latencyMs);
    };
    const error = (status: number, name: string, message: string) =>
      answer(status, { statusCode: status, name, message });

    if (authorization !== `Bearer ${apiKey}`)
      return authorization
        ? error(403, "invalid_api_key", "API key is invalid")
        : error(401, "missing_api_key", "Missing API key in the authorization header.");

    if (req.method === "GET" && path === "/emails") {
      const requested = Number(new URL(req.url ?? "/", "http://fake").searchParams.get("limit") ?? 20);
      const limit = Number.isInteger(requested) && requested >= 1 && requested <= 100 ? requested : 20;
      const newest = [...emails].reverse();
      return answer(200, {
        object: "list",
        has_more: newest.length > limit,
        data: newest.slice(0, limit).map((email) => ({
          id: email.id,
          to: email.to,
          from: email.from,
          subject: email.subject,
          created_at: email.createdAt.toISOString(),
          last_event: "sent",
        })),
      });
    }
    if (req.method === "GET" && path.startsWith("/emails/")) {
      const email = emails.find((e) => e.id === path.slice("/emails/".length));
      if (!email) return error(404, "not_found", "Email not found");
      return answer(200, {
        object: "email",
        id: email.id,
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text ?? null,
        html: email.html ?? null,
        reply_to: email.reply_to ?? null,
        created_at: email.createdAt.toISOString(),
        last_event: "sent",
      });
    }
    if (req.method !== "POST" || path !== "/emails") return error(404, "not_found", "Route not found");

    const failure = failures.shift();
    if (failure) return error(failure.status, failure.name, failure.message);
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 256))
      return error(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    const previous = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
    if (previous) {
      if (previous.body !== raw)
        return error(
          409,
          "invalid_idempotent_request",
          "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
        );
      return answer(previous.status, previous.answer);
    }

    const email = toEmail(body, idempotencyKey);
    if (typeof email === "string") return error(422, "validation_error", email);
    emails.push(email);
    const accepted = { id: email.id };
    if (idempotencyKey) byKey.set(idempotencyKey, { body: raw, status: 200, answer: accepted });
    return answer(200, accepted);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, { statusCode: 500, name: "internal_server_error", message: String(err) }, 0),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    emails,
    requests,
    failNext(count, status = 500, err = {}) {
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          name: err.name ?? (status === 429 ? "rate_limit_exceeded" : "internal_server_error"),
          message: err.message ?? "Simulated failure (fake Resend)",
        });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    clearFailures() {
      failures.length = 0;
    },
    reset() {
      emails.length = 0;
      requests.length = 0;
      failures.length = 0;
      byKey.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Resend's required fields; `to`, `reply_to` as string or list, like the API accepts. */
function toEmail(body: unknown, idempotencyKey: string | null): FakeResendEmail | string {
  if (!body || typeof body !== "object") return "Invalid JSON body";
  const b = body as Record<string, unknown>;
  const list = (v: unknown) =>
    v === undefined || v === null ? undefined : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean);
  if (typeof b.from !== "string" || !b.from) return "Missing `from` field.";
  const to = list(b.to);
  if (!to?.length) return "Missing `to` field.";
  if (typeof b.subject !== "string") return "Missing `subject` field.";
  if (typeof b.text !== "string" && typeof b.html !== "string") return "Missing `html` or `text` field.";
  return {
    id: randomUUID(),
    idempotencyKey,
    from: b.from,
    to,
    subject: b.subject,
    ...(typeof b.text === "string" && { text: b.text }),
    ...(typeof b.html === "string" && { html: b.html }),
    ...(b.reply_to !== undefined && { reply_to: list(b.reply_to) }),
    ...(typeof b.headers === "object" && b.headers !== null
      ? { headers: b.headers as Record<string, string> }
      : {}),
    body: b,
    createdAt: new Date(),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function send(res: ServerResponse, status: number, payload: unknown, latencyMs: number) {
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}
