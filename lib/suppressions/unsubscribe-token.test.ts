import { describe, expect, it } from "vitest";
import { signToken } from "../security/sign-token.ts";
import {
  buildUnsubscribeHeaders,
  buildUnsubscribeUrl,
  createUnsubscribeToken,
  readUnsubscribeToken,
} from "./unsubscribe-token.ts";

const dealershipId = "0b6e2c1a-5f3d-4a8e-9b7c-1d2e3f4a5b6c";
const leadId = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

describe("unsubscribe tokens", () => {
  it("round-trips the claims, with the address normalised", () => {
    const token = createUnsubscribeToken({ dealershipId, email: " Ola.Nordmann@Example.NO ", leadId });
    expect(readUnsubscribeToken(token)).toEqual({ dealershipId, email: "ola.nordmann@example.no", leadId });
    expect(readUnsubscribeToken(createUnsubscribeToken({ dealershipId, email: "a|b@example.no" }))).toEqual({
      dealershipId,
      email: "a|b@example.no",
    });
  });

  it("rejects tampered tokens and tokens signed for another purpose", () => {
    const token = createUnsubscribeToken({ dealershipId, email: "ola@example.no" });
    const [, mac] = token.split(".");
    const forged = Buffer.from(`${leadId}||ola@example.no`).toString("base64url");
    expect(readUnsubscribeToken(`${forged}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(signToken("password-reset", `${dealershipId}||ola@example.no`))).toBeNull();
    expect(readUnsubscribeToken("tull")).toBeNull();
  });

  it("builds the page URL and one-click headers that point at the POST endpoint", () => {
    const url = buildUnsubscribeUrl({ dealershipId, email: "ola@example.no", leadId });
    const token = new URL(url).pathname.split("/").pop()!;
    expect(url).toBe(`${new URL(process.env.APP_URL ?? "http://localhost:3000").origin}/avmeld/${token}`);
    expect(buildUnsubscribeHeaders(url)).toEqual({
      "List-Unsubscribe": `<${new URL(url).origin}/api/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(() => buildUnsubscribeHeaders("https://example.no/annet")).toThrow();
  });
});
