// A loopback fake of Twilio's Messages API for tests and benchmarks: the real SDK talks to it over HTTP
// (createTwilioSms({ …, baseUrl: fake.url }) or TWILIO_BASE_URL=fake.url).
//
//   const fake = await startFakeTwilio();                  // accountSid/authToken generated, or pass your own
//   const sms = createTwilioSms({ accountSid: fake.accountSid, authToken: fake.authToken, from: "+4759440000",
//     baseUrl: fake.url, statusCallbackUrl: "http://localhost:3000/api/webhooks/twilio/status" });
//   fake.failNext(1, 503);  … expect(fake.messages[0]).toMatchObject({ to, body, numSegments: 1 })
//   const cb = fake.statusCallback(fake.messages[0].sid, "delivered");   // signed like Twilio: { url, body, headers }
//   await fake.close();
//
// Speaks: POST /2010-04-01/Accounts/{AccountSid}/Messages.json (basic auth, form-encoded To, From or
// MessagingServiceSid, Body, StatusCallback) → 201 with a message resource shaped like Twilio's (sid "SM…",
// status "queued", or "accepted" via a messaging service, num_segments counted like Twilio: GSM-7 160/153,
// UCS-2 70/67), GET …/Messages/{sid}.json. Twilio has no idempotency key: every accepted POST is a new SMS.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { countSmsSegments } from "../../lib/integrations/sms/count-sms-segments.ts";

export type FakeTwilioMessage = {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  numSegments: number;
  encoding: "GSM-7" | "UCS-2";
  status: string;
  createdAt: Date;
  /** Every form parameter as sent. */
  params: Record<string, string>;
};

export type FakeTwilioRequest = {
  method: string;
  path: string;
  username: string | null;
  params: Record<string, string>;
  status: number;
};

export type FakeTwilio = {
  url: string;
  accountSid: string;
  authToken: string;
  messages: FakeTwilioMessage[];
  requests: FakeTwilioRequest[];
  /** The next `count` message POSTs answer `status` with a Twilio-shaped error (and send nothing). */
  failNext(count: number, status?: number, error?: { code?: number; message?: string }): void;
  setLatency(ms: number): void;
  /**
   * The status callback Twilio would POST for a message now: form body and X-Twilio-Signature computed with the
   * auth token over `url` (default: the message's StatusCallback). Send it with fetch or build a Request from it.
   */
  statusCallback(
    sid: string,
    status: string,
    extra?: { errorCode?: string; url?: string },
  ): { url: string; body: string; headers: Record<string, string> };
  /** Drops pending failures only (the end of an outage), keeping what was sent. */
  clearFailures(): void;
  reset(): void;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/(SM[0-9a-f]{32}))?\.json$/;

export async function startFakeTwilio(
  options: { accountSid?: string; authToken?: string; port?: number } = {},
): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString("hex")}`;
  const authToken = options.authToken ?? randomBytes(16).toString("hex");
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilioRequest[] = [];
  const failures: { status: number; code: number; message: string }[] = [];
  let latencyMs = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const [username, password] = basicAuth(req.headers.authorization);
    const answer = (status: number, payload: unknown) => {
      requests.push({ method: req.method ?? "", path: url.pathname, username, params, status });
      return send(res, status, payload, latencyMs);
    };
    const error = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    const match = MESSAGES_PATH.exec(url.pathname);
    if (username !== accountSid || password !== authToken) return error(401, 20003, "Authenticate");
    if (!match) return error(404, 20404, "The requested resource was not found");
    if (match[1] !== accountSid) return error(403, 20003, "Authenticate");
    if (req.method === "GET" && match[2]) {
      const message = messages.find((m) => m.sid === match[2]);
      return message
        ? answer(200, resource(message))
        : error(404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    if (req.method !== "POST" || match[2]) return error(405, 20004, "Method not allowed");

    const failure = failures.shift();
    if (failure) return error(failure.status, failure.code, failure.message);
    if (!params.To) return error(400, 21604, "A 'To' phone number is required.");
    if (!params.From && !params.MessagingServiceSid)
      return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    if (!params.Body) return error(400, 21602, "Message body is required.");
    if (!/^\+[1-9]\d{6,14}$/.test(params.To))
      return error(400, 21211, `The 'To' number ${params.To} is not a valid phone number.`);
    const { segments, encoding } = countSmsSegments(params.Body);
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      accountSid,
      to: params.To,
      from: params.From ?? null,
      messagingServiceSid: params.MessagingServiceSid ?? null,
      body: params.Body,
      statusCallback: params.StatusCallback ?? null,
      numSegments: segments,
      encoding,
      // A messaging service first "accepts" the message, then picks a sender and queues it.
      status: params.MessagingServiceSid && !params.From ? "accepted" : "queued",
      createdAt: new Date(),
      params,
    };
    messages.push(message);
    return answer(201, resource(message));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, { code: 20500, message: String(err), status: 500 }, 0),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requests,
    failNext(count, status = 500, err = {}) {
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          code: err.code ?? (status === 429 ? 20429 : 20500),
          message: err.message ?? "Simulated failure (fake Twilio)",
        });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    statusCallback(sid, status, extra = {}) {
      const message = messages.find((m) => m.sid === sid);
      const url = extra.url ?? message?.statusCallback;
      if (!url) throw new Error(`fake Twilio: no StatusCallback URL for ${sid}`);
      const params: Record<string, string> = {
        ApiVersion: "2010-04-01",
        AccountSid: accountSid,
        MessageSid: sid,
        SmsSid: sid,
        MessageStatus: status,
        SmsStatus: status,
        To: message?.to ?? "",
        From: message?.from ?? "",
        ...(message?.messagingServiceSid && { MessagingServiceSid: message.messagingServiceSid }),
        ...(extra.errorCode && { ErrorCode: extra.errorCode }),
      };
      return {
        url,
        body: new URLSearchParams(params).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded; charset=utf-8",
          "user-agent": "TwilioProxy/1.1",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(authToken, url, params),
        },
      };
    },
    clearFailures() {
      failures.length = 0;
    },
    reset() {
      messages.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The message as Twilio's API returns it (strings where Twilio sends strings, RFC 2822 dates). */
function resource(m: FakeTwilioMessage) {
  const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: m.accountSid,
    api_version: "2010-04-01",
    body: m.body,
    date_created: m.createdAt.toUTCString().replace("GMT", "+0000"),
    date_sent: null,
    date_updated: m.createdAt.toUTCString().replace("GMT", "+0000"),
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: "0",
    num_segments: String(m.numSegments),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
    to: m.to,
    uri,
  };
}

function basicAuth(header: string | undefined): [string | null, string | null] {
  if (!header?.startsWith("Basic ")) return [null, null];
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? [decoded, null] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
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
