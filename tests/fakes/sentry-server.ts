// A loopback Sentry ingest endpoint speaking Sentry's envelope protocol: POST /api/<project>/envelope/ with the
// key in `?sentry_key=` or an `X-Sentry-Auth` header; the body is an envelope (a JSON header line, then item
// header + payload lines), parsed here with @sentry/core's own parseEnvelope. Answers 200 `{"id": …}` as Sentry does.
//
//   const sentry = await startFakeSentry();               // SENTRY_DSN=sentry.dsn
//   … sentry.events() lists the error events received; sentry.requests keeps each raw body
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseEnvelope, type Event } from "@sentry/core";

export type SentryRequest = { path: string; query: URLSearchParams; auth: string | null; body: string };

export type FakeSentry = {
  dsn: string;
  publicKey: string;
  projectId: string;
  requests: SentryRequest[];
  /** The `event` items of every envelope received. */
  events(): Event[];
  close(): Promise<void>;
};

export async function startFakeSentry(
  options: { publicKey?: string; projectId?: string } = {},
): Promise<FakeSentry> {
  const publicKey = options.publicKey ?? "0123456789abcdef0123456789abcdef";
  const projectId = options.projectId ?? "4242";
  const requests: SentryRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const auth = (req.headers["x-sentry-auth"] as string | undefined) ?? null;
      const key = url.searchParams.get("sentry_key") ?? /sentry_key=([^,\s]+)/.exec(auth ?? "")?.[1];
      if (req.method !== "POST" || url.pathname !== `/api/${projectId}/envelope/`) {
        res.writeHead(404).end();
        return;
      }
      if (key !== publicKey) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"detail":"invalid api key"}');
        return;
      }
      requests.push({
        path: url.pathname,
        query: url.searchParams,
        auth,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ id: crypto.randomUUID() }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://${publicKey}@127.0.0.1:${port}/${projectId}`,
    publicKey,
    projectId,
    requests,
    events() {
      return requests.flatMap((r) => {
        const [, items] = parseEnvelope(r.body);
        return items.filter(([header]) => header.type === "event").map(([, payload]) => payload as Event);
      });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
