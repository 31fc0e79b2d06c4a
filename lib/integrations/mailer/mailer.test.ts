import { describe, expect, it } from "vitest";
import { formatFrom } from "./mailer.ts";

describe("formatFrom", () => {
  it.each([
    [undefined, "Norvalt <no-reply@norvalt.no>", "Norvalt <no-reply@norvalt.no>"],
    ["Fjordbil AS", "Norvalt <no-reply@norvalt.no>", '"Fjordbil AS" <no-reply@norvalt.no>'],
    ["Fjordbil AS", "no-reply@norvalt.no", '"Fjordbil AS" <no-reply@norvalt.no>'],
    ['Bil "&" Co\r\nBcc: x@y.no', "no-reply@norvalt.no", '"Bil & CoBcc: x@y.no" <no-reply@norvalt.no>'],
  ])("%s + %s → %s", (name, from, expected) => {
    expect(formatFrom(name, from)).toBe(expected);
  });
});
