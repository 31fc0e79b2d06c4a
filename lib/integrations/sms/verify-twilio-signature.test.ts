import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTwilioSignature } from "./verify-twilio-signature.ts";

// The worked example of tests/fixtures/twilio-inbound-sms/README.md: a made-up token, a URL with a query string.
const TOKEN = "5f1d0c3a9e7b4a2c8d6e0f1a2b3c4d5e";
const URL = "https://app.norvalt.example/api/webhooks/twilio/sms?tenant=bilhuset-demo";
const fixture = (name: string) =>
  readFileSync(
    join(resolve(import.meta.dirname, "../../../tests/fixtures/twilio-inbound-sms"), name),
    "utf8",
  );

describe("checkTwilioSignature (twilio SDK validateRequest)", () => {
  it.each([
    ["01-norwegian-text-nynorsk.form", "O9gQX8w6G1K+KVoPFgnXFu6nZgs="],
    ["02-stopp-norwegian-not-a-default-keyword.form", "KIFiE2qi+aiuEqK8F0F4F7Y+T/Q="],
    ["03-stop-advanced-opt-out.form", "h+3lJtrimBDVRygHRYEvtsCwIWw="],
    ["04-mms-one-image.form", "fz50fKZQZUPHnGookrLT5uiPTWg="],
    ["05-emoji-body.form", "PylSdrH5phtaANBM9KF76kXH3k0="],
  ])("%s carries the worked signature %s", (name, signature) => {
    expect(checkTwilioSignature(TOKEN, signature, URL, fixture(name))).toBe(true);
    // The same signature for another URL or token is refused.
    expect(checkTwilioSignature(TOKEN, signature, URL.replace("bilhuset", "annen"), fixture(name))).toBe(
      false,
    );
    expect(checkTwilioSignature(TOKEN.replace("5f", "6f"), signature, URL, fixture(name))).toBe(false);
  });

  it.each([
    ["empty-valued parameters dropped", "WrP5G41up9tlCl4U4+2Jv5Kcgic="],
    ["values signed still percent-encoded", "19o/vbZbv4Y25iC4hHsOTrIQGmI="],
    ["query string left off the URL", "DgAUd3sTfsrr+bh1XFQwHvgEELI="],
  ])("refuses the signature of a common mistake: %s", (_mistake, signature) => {
    expect(
      checkTwilioSignature(TOKEN, signature, URL, fixture("02-stopp-norwegian-not-a-default-keyword.form")),
    ).toBe(false);
  });

  it("reproduces Twilio's published vector", () => {
    const body =
      "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    expect(
      checkTwilioSignature(
        "12345",
        "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        "https://mycompany.com/myapp.php?foo=1&bar=2",
        body,
      ),
    ).toBe(true);
  });
});
