import { describe, expect, it } from "vitest";
import { readSmsKeyword } from "./sms-keywords.ts";

describe("readSmsKeyword", () => {
  it.each([
    ["STOP", "stop", true],
    ["sToP", "stop", true],
    ["STOPP", "stop", false],
    ["Stopp.", "stop", false],
    ["  avmeld ", "stop", false],
    ["UNSUBSCRIBE", "stop", true],
    ["START", "start", true],
    ["unstop", "start", true],
    ["HJELP", "help", false],
    ["Hjelp?", "help", false],
    ["HELP", "help", true],
    ["info", "help", true],
  ])("%j → %s (Twilio answers: %s)", (body, keyword, answeredByTwilio) => {
    expect(readSmsKeyword(body)).toEqual({ keyword, answeredByTwilio });
  });

  it.each([
    "STOP PLEASE",
    "Stopp, jeg har kjøpt bil",
    "ja",
    "YES",
    "Kan dere hjelpe meg?",
    "",
    "start motoren?",
  ])("%j is a message, not a keyword", (body) => {
    expect(readSmsKeyword(body)).toBeNull();
  });

  it("trusts Twilio's OptOutType whatever the words", () => {
    expect(readSmsKeyword("Slutt", "STOP")).toEqual({ keyword: "stop", answeredByTwilio: true });
  });
});
