import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

// Issue 24, item 3, through the proxy itself (what runs in front of every /api route but the webhooks).
const { default: proxy } = await import("../../proxy.ts");
const { SESSION_COOKIE } = await import("../../lib/auth/session-cookie.ts");

const event = {} as Parameters<typeof proxy>[1];
const post = (headers: Record<string, string>, body = '{"lead_id":"x"}') =>
  proxy(
    new NextRequest("http://localhost:3000/api/conversations", {
      method: "POST",
      body,
      headers: { cookie: `${SESSION_COOKIE}=token`, host: "localhost:3000", ...headers },
    }),
    event,
  );

describe("proxy: cookie-authenticated API mutations", () => {
  it("answers 403 to the issue's probe (text/plain, foreign Origin) before the route runs", async () => {
    const res = await post({ origin: "http://localhost:3001", "content-type": "text/plain" });
    expect(res!.status).toBe(403);
  });
  it("answers 415 to a same-origin form post", async () => {
    const res = await post({ origin: "http://localhost:3000", "content-type": "text/plain" });
    expect(res!.status).toBe(415);
  });
  it("lets same-origin JSON and API-key calls through to the route", async () => {
    const ok = await post({ origin: "http://localhost:3000", "content-type": "application/json" });
    expect(ok!.headers.get("x-middleware-next")).toBe("1");
    const key = await post({
      origin: "http://localhost:3001",
      "content-type": "text/plain",
      authorization: "Bearer nv_test",
    });
    expect(key!.headers.get("x-middleware-next")).toBe("1");
  });
  it("answers 400, not Next's bare 500, to a path with malformed percent-encoding", async () => {
    const res = await proxy(
      new NextRequest("http://localhost:3000/api/unsubscribe/%ff%00", { method: "POST" }),
      event,
    );
    expect(res!.status).toBe(400);
  });
});
