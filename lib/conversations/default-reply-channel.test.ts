import { describe, expect, it } from "vitest";
import { defaultReplyChannel } from "./default-reply-channel.ts";

const sms = { direction: "inbound", channel: "sms" };
const email = { direction: "inbound", channel: "email" };
const ourSms = { direction: "outbound", channel: "sms" };

describe("defaultReplyChannel", () => {
  it("is SMS when the customer has a phone and last wrote by SMS", () => {
    expect(defaultReplyChannel({ canEmail: true, canSms: true, messages: [email, sms, ourSms] })).toBe("sms");
  });
  it("is e-mail when the customer last wrote by e-mail, or our SMS was the only one", () => {
    expect(defaultReplyChannel({ canEmail: true, canSms: true, messages: [sms, email] })).toBe("email");
    expect(defaultReplyChannel({ canEmail: true, canSms: true, messages: [ourSms] })).toBe("email");
  });
  it("is SMS without an e-mail address, e-mail without a phone", () => {
    expect(defaultReplyChannel({ canEmail: false, canSms: true, messages: [] })).toBe("sms");
    expect(defaultReplyChannel({ canEmail: true, canSms: false, messages: [sms] })).toBe("email");
  });
});
