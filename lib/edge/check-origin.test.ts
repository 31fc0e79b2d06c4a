import { describe, expect, it } from "vitest";
import { refuseCookieMutation } from "./check-origin.ts";

const req = (method: string, headers: Record<string, string>, path = "/api/conversations") => ({
  method,
  headers: new Headers({ host: "app.norvalt.no", ...headers }),
  url: `http://app.norvalt.no${path}`,
});
const opts = { appUrl: "https://app.norvalt.no", hasSessionCookie: true };
const ours = { origin: "https://app.norvalt.no" };
const jsonBody = { "content-type": "application/json", "content-length": "20" };
const status = (r: ReturnType<typeof req>, o = opts) => refuseCookieMutation(r, o)?.status ?? "ok";

describe("refuseCookieMutation", () => {
  it("refuses the issue's probe: text/plain POST /api/conversations from a sibling origin", () => {
    const probe = { origin: "https://evil.norvalt.no", "content-type": "text/plain", "content-length": "40" };
    expect(status(req("POST", probe))).toBe(403);
    expect(status(req("POST", { ...probe, origin: "https://app.norvalt.no:8443" }))).toBe(403);
  });
  it("refuses a cookie mutation with neither Origin nor Sec-Fetch-Site, or a cross-site one", () => {
    expect(status(req("POST", jsonBody))).toBe(403);
    expect(status(req("DELETE", { "sec-fetch-site": "cross-site" }))).toBe(403);
    expect(status(req("POST", { ...jsonBody, "sec-fetch-site": "same-site" }))).toBe(403);
    expect(status(req("POST", { ...jsonBody, origin: "null" }))).toBe(403);
  });
  it("refuses a same-origin body that is not JSON with 415 (a plain form, text/plain)", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
      expect(status(req("POST", { ...ours, "content-type": type, "content-length": "10" })), type).toBe(415);
  });
  it("allows JSON from our origin, or with Sec-Fetch-Site: same-origin", () => {
    expect(status(req("POST", { ...ours, ...jsonBody }))).toBe("ok");
    expect(
      status(
        req("PATCH", {
          ...jsonBody,
          "content-type": "application/json; charset=utf-8",
          "sec-fetch-site": "same-origin",
        }),
      ),
    ).toBe("ok");
    expect(status(req("DELETE", ours))).toBe("ok");
  });
  it("allows the upload routes their file types, and only them", () => {
    const multipart = { ...ours, "content-type": "multipart/form-data; boundary=x", "content-length": "99" };
    expect(status(req("POST", multipart, "/api/settings/logo"))).toBe("ok");
    expect(status(req("POST", multipart, "/api/emails"))).toBe("ok");
    expect(status(req("POST", multipart, "/api/vehicles/import"))).toBe("ok");
    expect(status(req("POST", multipart, "/api/leads"))).toBe(415);
  });
  it("leaves GETs, API keys, cookieless calls and token-authenticated unsubscribes alone", () => {
    const foreign = { origin: "https://evil.example", "content-type": "text/plain", "content-length": "9" };
    expect(status(req("GET", foreign))).toBe("ok");
    expect(status(req("POST", { ...foreign, authorization: "Bearer nv_x" }))).toBe("ok");
    expect(status(req("POST", foreign), { ...opts, hasSessionCookie: false })).toBe("ok");
    expect(status(req("POST", foreign, "/api/unsubscribe/abc"))).toBe("ok");
  });
});
