import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "./verify-webhook-signature.ts";

const SECRET = "app-secret";
const body = Buffer.from('{"object":"page","entry":[]}');
const sign = (bytes: Buffer, secret = SECRET) =>
  `sha256=${createHmac("sha256", secret).update(bytes).digest("hex")}`;

describe("verifyWebhookSignature", () => {
  it("accepts Meta's sha256 HMAC of the raw body, in either hex case", () => {
    expect(verifyWebhookSignature(sign(body), body, SECRET)).toEqual({ valid: true });
    expect(
      verifyWebhookSignature(sign(body).toUpperCase().replace("SHA256", "sha256"), body, SECRET),
    ).toEqual({
      valid: true,
    });
  });

  it.each([
    ["missing", null, "signature missing"],
    ["malformed", "sha1=abc", "signature malformed"],
    ["under another secret", sign(body, "other-secret"), "signature mismatch"],
    ["over another body", sign(Buffer.from("{}")), "signature mismatch"],
  ])("rejects a signature that is %s", (_case, header, reason) => {
    expect(verifyWebhookSignature(header, body, SECRET)).toEqual({ valid: false, reason });
  });
});
