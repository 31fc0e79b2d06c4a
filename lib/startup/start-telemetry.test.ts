// Optional telemetry proven against loopback endpoints that speak the real protocols: an OTLP/HTTP collector
// receives the spans (Next's own, our fetches) and a Sentry ingest endpoint receives error envelopes — with no
// personal data, tokens or query strings in either.
import { trace, type TracerProvider } from "@opentelemetry/api";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { OTLPHttpProtoTraceExporter } from "@vercel/otel";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOtlpCollector, type FakeOtlpCollector } from "../../tests/fakes/otlp-collector.ts";
import { startFakeSentry, type FakeSentry } from "../../tests/fakes/sentry-server.ts";
import { onRequestError } from "../../instrumentation.ts";
import { flushErrorReports, reportError, setErrorReporter } from "./report-error.ts";
import { RedactingSpanExporter, scrubTelemetryText } from "./start-open-telemetry.ts";
import { startTelemetry } from "./start-telemetry.ts";

const EMAIL = "kari.nordmann@example.no";
const PHONE = "+47 912 34 567";
const TOKEN = "Zk3x9QpL2mN8vR4tY6wB1cD5";

function hasNoPersonalData(raw: string) {
  expect(raw).not.toContain("kari.nordmann");
  expect(raw).not.toContain("912 34 567");
  expect(raw).not.toContain("Kari Nordmann");
  expect(raw).not.toContain(TOKEN);
  expect(raw).not.toContain("SECRET-ACCESS");
}

let collector: FakeOtlpCollector;
let sentry: FakeSentry;
let vendor: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  collector = await startFakeOtlpCollector();
  sentry = await startFakeSentry();
  const { createServer } = await import("node:http");
  const server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  vendor = {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
  process.env.SENTRY_DSN = sentry.dsn;
  await startTelemetry("web");
});

afterAll(async () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_PROTOCOL;
  delete process.env.SENTRY_DSN;
  setErrorReporter(undefined);
  await Promise.all([collector.close(), sentry.close(), vendor.close()]);
});

async function flushSpans() {
  const provider = trace.getTracerProvider() as TracerProvider & {
    getDelegate?: () => { forceFlush?: () => Promise<void> };
  };
  await provider.getDelegate?.().forceFlush?.();
}

describe("OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT)", () => {
  it("exports spans over OTLP/HTTP to <endpoint>/v1/traces, redacted", async () => {
    await trace.getTracer("norvalt-test").startActiveSpan(`GET /sign-in/link/${TOKEN}`, async (span) => {
      span.setAttribute("http.target", `/sign-in/link/${TOKEN}?email=${encodeURIComponent(EMAIL)}`);
      span.setAttribute("http.request.header.cookie", "norvalt_session=abc");
      span.setAttribute("note", `call ${PHONE} or write ${EMAIL}`);
      span.setAttribute("lead.id", "0b6f7e3c-5f4e-4c1a-9a57-3d1f3f0f2a11");
      // The fetch instrumentation traces outgoing calls (a vendor's URL with a secret in its query).
      await fetch(`${vendor.url}/v21.0/123456?access_token=SECRET-ACCESS`).then((r) => r.text());
      span.end();
    });
    await flushSpans();

    const spans = collector.spans();
    const root = spans.find((s) => s.name === "GET /sign-in/link/[token]");
    expect(root, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
    expect(root!.serviceName).toBe("norvalt-web");
    const attrs = Object.fromEntries((root!.attributes ?? []).map((a) => [a.key, a.value.stringValue]));
    expect(attrs["http.target"]).toBe("/sign-in/link/[token]");
    expect(attrs["note"]).toBe("call [phone] or write [email]");
    expect(attrs["lead.id"]).toBe("0b6f7e3c-5f4e-4c1a-9a57-3d1f3f0f2a11");
    expect(attrs).not.toHaveProperty("http.request.header.cookie");
    const fetchSpan = spans.find((s) => s.traceId === root!.traceId && s.spanId !== root!.spanId);
    expect(fetchSpan, "the outgoing fetch is a child span").toBeDefined();
    const fetchUrl = fetchSpan!.attributes?.find((a) => a.key === "http.url")?.value.stringValue;
    expect(fetchUrl).toBe(`${vendor.url}/v21.0/123456`);
    expect(collector.requests.every((r) => r.contentType.startsWith("application/json"))).toBe(true);
    hasNoPersonalData(collector.requests.map((r) => r.body.toString("utf8")).join("\n"));
  });

  it("speaks http/protobuf (the default protocol) through the same redaction", async () => {
    const provider = new BasicTracerProvider({
      spanProcessors: [
        new BatchSpanProcessor(
          new RedactingSpanExporter(new OTLPHttpProtoTraceExporter({ url: `${collector.url}/v1/traces` })),
        ),
      ],
    });
    const before = collector.requests.length;
    const span = provider.getTracer("proto").startSpan("job lead.respond");
    span.setAttribute("customer", EMAIL);
    span.end();
    await provider.forceFlush();
    const sent = collector.requests.slice(before);
    expect(sent).toHaveLength(1);
    const proto = sent[0]!;
    expect(proto.contentType).toBe("application/x-protobuf");
    expect(proto.body.includes(Buffer.from("job lead.respond"))).toBe(true);
    expect(proto.body.includes(Buffer.from("[email]"))).toBe(true);
    hasNoPersonalData(proto.body.toString("latin1"));
    await provider.shutdown();
  });

  it("scrubs query strings, tokens, e-mail addresses and phones but keeps record ids", () => {
    expect(scrubTelemetryText(`/avmeld/${TOKEN}`)).toBe("/avmeld/[token]");
    expect(scrubTelemetryText("/leads/0b6f7e3c-5f4e-4c1a-9a57-3d1f3f0f2a11/edit")).toBe(
      "/leads/0b6f7e3c-5f4e-4c1a-9a57-3d1f3f0f2a11/edit",
    );
    expect(scrubTelemetryText("/api/leads?q=kari")).toBe("/api/leads");
    expect(scrubTelemetryText(`mail ${EMAIL}`)).toBe("mail [email]");
  });
});

describe("Sentry (SENTRY_DSN)", () => {
  it("sends an error event as an envelope to the DSN's project, scrubbed", async () => {
    const before = sentry.requests.length;
    const err = new Error(
      `Failed query: insert into leads … for ${EMAIL}, ${PHONE}\nparams: Kari Nordmann,${EMAIL}`,
    );
    reportError(err, { queue: "lead.respond", job_id: "job-1" });
    await flushErrorReports(5_000);

    const sent = sentry.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toBe(`/api/${sentry.projectId}/envelope/`);
    const event = sentry.events().at(-1)!;
    const exception = event.exception?.values?.[0];
    expect(exception?.type).toBe("Error");
    expect(exception?.value).toContain("Failed query: insert into leads … for [email], [phone]");
    expect(exception?.value).toContain("params: [redacted]");
    expect(exception?.stacktrace?.frames?.length).toBeGreaterThan(0);
    expect(event.tags).toMatchObject({ queue: "lead.respond", job_id: "job-1" });
    expect(event.platform).toBe("node");
    expect(event.user).toBeUndefined();
    expect(event.request).toBeUndefined();
    hasNoPersonalData(sent[0]!.body);
  });

  it("reports a request's error from Next's onRequestError with the route pattern only", async () => {
    const before = sentry.requests.length;
    process.env.NEXT_RUNTIME = "nodejs";
    try {
      await onRequestError(
        new TypeError(`Cannot read properties of undefined (reading 'phone') for ${EMAIL}`),
        { method: "POST" },
        { routePath: "/api/webhooks/form/[formKey]", routeType: "route", routerKind: "App Router" },
      );
    } finally {
      delete process.env.NEXT_RUNTIME;
    }
    // redirect() and notFound() are control flow: never reported.
    process.env.NEXT_RUNTIME = "nodejs";
    try {
      const redirect = Object.assign(new Error("NEXT_REDIRECT"), {
        digest: "NEXT_REDIRECT;replace;/sign-in;307;",
      });
      await onRequestError(redirect, { method: "GET" }, { routePath: "/leads", routeType: "render" });
    } finally {
      delete process.env.NEXT_RUNTIME;
    }
    await flushErrorReports(5_000);
    expect(sentry.requests.length).toBe(before + 1);
    const event = sentry.events().at(-1)!;
    expect(event.exception?.values?.[0]?.type).toBe("TypeError");
    expect(event.tags).toMatchObject({
      route: "/api/webhooks/form/[formKey]",
      route_type: "route",
      method: "POST",
    });
    hasNoPersonalData(sentry.requests.at(-1)!.body);
  });
});
