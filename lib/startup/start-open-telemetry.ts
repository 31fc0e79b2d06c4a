// OpenTelemetry traces, loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set (start-telemetry.ts imports this file
// dynamically). @vercel/otel registers the SDK the way Next expects (its request, render and route spans, and
// outgoing fetch calls), and exports OTLP over HTTP (protobuf, or JSON with OTEL_EXPORTER_OTLP_PROTOCOL=http/json)
// to the endpoint's /v1/traces. Every span passes through a redacting exporter first: URLs lose their query
// string (Graph access tokens, search terms), token-like path segments (sign-in links, unsubscribe links) are
// replaced, and every string is scrubbed of e-mail addresses, phone numbers and SQL values.
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Attributes } from "@opentelemetry/api";
import { OTLPHttpJsonTraceExporter, OTLPHttpProtoTraceExporter, registerOTel } from "@vercel/otel";
import { scrubText } from "../log/redact.ts";

export type OpenTelemetryOptions = {
  endpoint: string;
  protocol?: string;
  /** `OTEL_EXPORTER_OTLP_HEADERS`: `key=value,key=value` (an API key of a hosted collector). */
  headers?: string;
  serviceName: string;
};

export function startOpenTelemetry(options: OpenTelemetryOptions): { flush: () => Promise<void> } {
  const url =
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${options.endpoint.replace(/\/+$/, "")}/v1/traces`;
  const config = { url, headers: parseHeaders(options.headers) };
  const otlp =
    options.protocol === "http/json"
      ? new OTLPHttpJsonTraceExporter(config)
      : new OTLPHttpProtoTraceExporter(config);
  const processor = new BatchSpanProcessor(new RedactingSpanExporter(otlp));
  // Explicit span processors: @vercel/otel's "auto" would add its own, unredacted OTLP exporter for the same env.
  registerOTel({ serviceName: options.serviceName, spanProcessors: [processor] });
  return { flush: () => processor.forceFlush() };
}

function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? "").split(",")) {
    const at = pair.indexOf("=");
    if (at > 0)
      headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/** Spans leave without personal data or secrets; see the file comment. */
export class RedactingSpanExporter implements SpanExporter {
  private readonly inner: SpanExporter;

  constructor(inner: SpanExporter) {
    this.inner = inner;
  }

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(spans.map(redactSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

function redactSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: scrubTelemetryText(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status.message
      ? { ...span.status, message: scrubTelemetryText(span.status.message) }
      : span.status,
    attributes: redactAttributes(span.attributes),
    links: span.links,
    events: span.events.map((event) => ({
      ...event,
      attributes: event.attributes && redactAttributes(event.attributes),
    })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Headers of any kind (cookies, authorization) and the client's address never leave. */
const DROPPED_ATTRIBUTE =
  /(^|\.)(header|headers|cookie|authorization|client_ip|client\.address|peer\.ip|user_agent)(\.|$)/i;

export function redactAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_ATTRIBUTE.test(key)) continue;
    if (typeof value === "string") out[key] = scrubTelemetryText(value);
    else if (Array.isArray(value))
      out[key] = value.map((v) => (typeof v === "string" ? scrubTelemetryText(v) : v)) as typeof value;
    else out[key] = value;
  }
  return out;
}

// A path segment of 20+ URL-safe characters with a digit in it: a sign-in, reset, invite or unsubscribe token.
// Record ids (UUIDs) stay: they identify no person outside the database and make a trace useful.
const TOKEN_SEGMENT = /\/(?=[A-Za-z0-9_~.%-]*\d)([A-Za-z0-9_~.%-]{20,})(?=[/?#\s]|$)/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Query strings and fragments off, token-like path segments replaced, e-mail/phone/SQL values scrubbed. */
export function scrubTelemetryText(text: string): string {
  const withoutQuery = text.replace(/[?#][^\s"']*/g, "");
  return scrubText(
    withoutQuery.replace(TOKEN_SEGMENT, (whole, segment: string) =>
      UUID.test(segment) ? whole : "/[token]",
    ),
  );
}
