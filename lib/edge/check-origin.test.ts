import { describe, expect, it } from "vitest";
import { isCrossOriginMutation } from "./check-origin.ts";

const req = (method: string, headers: Record<string, string>) => ({
  method,
  headers: new Headers({ host: "app.norvalt.no", ...headers }),
  url: "http://app.norvalt.no/api/leads",
});
const opts = { appUrl: "https://app.norvalt.no", hasSessionCookie: true };

describe("isCrossOriginMutation", () => {
  it("refuses a cookie POST from another site", () => {
    expect(isCrossOriginMutation(req("POST", { origin: "https://evil.example" }), opts)).toBe(true);
    expect(isCrossOriginMutation(req("DELETE", { "sec-fetch-site": "cross-site" }), opts)).toBe(true);
  });
  it("allows our own origin, GETs, API keys and cookieless calls", () => {
    expect(isCrossOriginMutation(req("POST", { origin: "https://app.norvalt.no" }), opts)).toBe(false);
    expect(isCrossOriginMutation(req("GET", { origin: "https://evil.example" }), opts)).toBe(false);
    expect(
      isCrossOriginMutation(
        req("POST", { origin: "https://evil.example", authorization: "Bearer nv_x" }),
        opts,
      ),
    ).toBe(false);
    expect(
      isCrossOriginMutation(req("POST", { origin: "https://evil.example" }), {
        ...opts,
        hasSessionCookie: false,
      }),
    ).toBe(false);
  });
});
