// A loopback OpenTelemetry collector speaking OTLP/HTTP (the protocol of a real collector's :4318 receiver):
// POST /v1/traces with `application/json` (ExportTraceServiceRequest as JSON) or `application/x-protobuf`,
// answered 200 with an empty ExportTraceServiceResponse in the same encoding.
//
//   const collector = await startFakeOtlpCollector();     // OTEL_EXPORTER_OTLP_ENDPOINT=collector.url
//   … collector.spans() lists the spans of every JSON export; collector.requests keeps each raw body
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type OtlpJsonSpan = {
  name: string;
  traceId: string;
  spanId: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
  events?: { name: string; attributes?: { key: string; value: Record<string, unknown> }[] }[];
};

export type OtlpRequest = {
  path: string;
  contentType: string;
  headers: Record<string, string>;
  body: Buffer;
};

export type FakeOtlpCollector = {
  url: string;
  requests: OtlpRequest[];
  /** The spans of every `application/json` export so far, with the resource's service.name. */
  spans(): (OtlpJsonSpan & { serviceName?: string })[];
  close(): Promise<void>;
};

type ExportTraceServiceRequest = {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: OtlpJsonSpan[] }[];
  }[];
};

export async function startFakeOtlpCollector(): Promise<FakeOtlpCollector> {
  const requests: OtlpRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const contentType = String(req.headers["content-type"] ?? "");
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      requests.push({
        path: req.url,
        contentType,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks),
      });
      if (contentType.startsWith("application/json")) {
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      } else if (contentType.startsWith("application/x-protobuf")) {
        res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
      } else {
        res.writeHead(415).end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    spans() {
      return requests
        .filter((r) => r.contentType.startsWith("application/json"))
        .flatMap((r) => {
          const body = JSON.parse(r.body.toString("utf8")) as ExportTraceServiceRequest;
          return (body.resourceSpans ?? []).flatMap((rs) => {
            const serviceName = rs.resource?.attributes?.find((a) => a.key === "service.name")?.value
              .stringValue;
            return (rs.scopeSpans ?? []).flatMap((ss) =>
              (ss.spans ?? []).map((s) => ({ ...s, serviceName })),
            );
          });
        });
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
