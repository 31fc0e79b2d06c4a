import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readInboundSms } from "./read-inbound-sms.ts";

const params = (name: string) =>
  Object.fromEntries(
    new URLSearchParams(
      readFileSync(
        join(resolve(import.meta.dirname, "../../../tests/fixtures/twilio-inbound-sms"), name),
        "utf8",
      ),
    ),
  );

describe("readInboundSms", () => {
  it("reads a Norwegian text (nynorsk, æøå percent-encoded) with its segments", () => {
    expect(readInboundSms(params("01-norwegian-text-nynorsk.form"))).toEqual({
      messageSid: "SMcd2e1b4c2d22ba0e73720bf739ec5795",
      from: "+4740000001",
      to: "+4740000099",
      body: expect.stringContaining("Eg vil gjerne prøvekøyre på laurdag"),
      numSegments: 2,
      media: [],
      optOutType: null,
    });
  });

  it("reads OptOutType when a Messaging Service with Advanced Opt-Out sends it", () => {
    expect(readInboundSms(params("03-stop-advanced-opt-out.form"))).toMatchObject({
      body: "STOP",
      optOutType: "STOP",
    });
    expect(readInboundSms(params("02-stopp-norwegian-not-a-default-keyword.form"))).toMatchObject({
      optOutType: null,
    });
  });

  it("references MMS media by Twilio URL and type", () => {
    expect(readInboundSms(params("04-mms-one-image.form"))!.media).toEqual([
      {
        url: "https://api.twilio.com/2010-04-01/Accounts/AC65e5fb02b03e313931e5136952aa23bf/Messages/MM159a9b7372062f5f49c311b78965cbba/Media/MEc7c72fba5fe5f419d503721be9c49d93",
        contentType: "image/jpeg",
      },
    ]);
  });

  it("accepts the geographic fields empty or absent", () => {
    const {
      FromCity: _a,
      FromState: _b,
      FromZip: _c,
      ToCity: _d,
      ToState: _e,
      ToZip: _f,
      ...rest
    } = params("05-emoji-body.form");
    expect(readInboundSms(rest)).toMatchObject({
      body: "Takk for svar 👍 Vi kommer innom kl 12 på fredag 🚗⚡",
    });
  });

  it("is null for a status callback or a body without From/To", () => {
    expect(
      readInboundSms({ MessageSid: "SM0b6e2697aae04182a9f5b5c7a8994c7f", MessageStatus: "sent" }),
    ).toBeNull();
    expect(readInboundSms({ MessageSid: "not-a-sid", From: "+4791234567", To: "+4740000099" })).toBeNull();
  });
});
