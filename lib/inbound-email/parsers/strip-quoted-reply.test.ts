import { describe, expect, it } from "vitest";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

describe("stripQuotedReply", () => {
  it.each([
    ["> quoted lines", "Ja, det passer.\n\n> Passer lørdag?\n> Hilsen oss"],
    [
      "English Gmail attribution",
      "Ja, det passer.\n\nOn Sat, 28 Nov 2026 at 14:02, Bilhuset Demo AS <reply+abc@svar.norvalt.no> wrote:\n> Passer lørdag?",
    ],
    [
      "Norwegian Gmail attribution",
      "Ja, det passer.\n\nlør. 28. nov. 2026 kl. 14:02 skrev Bilhuset Demo AS <reply+abc@svar.norvalt.no>:\n> Passer lørdag?",
    ],
    [
      "Gmail attribution wrapped over two lines",
      "Ja, det passer.\n\nons. 12. nov. 2026 kl. 10:15 skrev Bilhuset Demo AS <\nreply+abc@svar.norvalt.no>:\n\n> Passer lørdag?",
    ],
    [
      'Apple Mail "Den … skrev"',
      "Ja, det passer.\n\nDen 29. nov. 2026 kl. 18:40 skrev Bilhuset Demo AS <post@example.no>:\n\n> Passer lørdag?",
    ],
    [
      "Outlook English separator",
      "Ja, det passer.\n\n-----Original Message-----\nFrom: Bilhuset\nSent: Friday\nPasser lørdag?",
    ],
    [
      "Outlook Norwegian separator",
      "Ja, det passer.\n\n-----Opprinnelig melding-----\nFra: Bilhuset\nPasser lørdag?",
    ],
    [
      "Outlook Fra/Sendt/Til/Emne block",
      "Ja, det passer.\n\nFra: Bilhuset Demo AS <post@example.no>\nSendt: fredag 27. november 2026 09:14\nTil: Ola\nEmne: Tilbud\n\nPasser lørdag?",
    ],
    [
      "Outlook From/Sent block",
      "Ja, det passer.\n\nFrom: Bilhuset Demo AS <post@example.no>\nSent: Friday, November 27, 2026 9:14 AM\nTo: Ola\nSubject: Offer\n\nPasser lørdag?",
    ],
    [
      "Outlook underscore rule",
      "Ja, det passer.\n\n________________________________\nFra: Bilhuset\nPasser lørdag?",
    ],
    ['"-- " signature', "Ja, det passer.\n-- \nOla Hansen\nDaglig leder, Firma AS"],
    ["Sendt fra min iPhone", "Ja, det passer.\n\nSendt fra min iPhone\n\n> Passer lørdag?"],
    ["Sent from my iPhone", "Ja, det passer.\n\nSent from my iPhone"],
    [
      "Hentet fra Outlook for Android",
      "Ja, det passer.\n\nHentet fra Outlook for Android\n________________________________\nFra: Bilhuset",
    ],
    ["Get Outlook for iOS", "Ja, det passer.\n\nGet Outlook for iOS"],
  ])("removes %s", (_, text) => {
    expect(stripQuotedReply(text)).toBe("Ja, det passer.");
  });

  it("keeps the reply's own text, greeting and line breaks intact", () => {
    const reply = "Hei!\n\nLørdag kl. 11 passer fint.\nKan samboeren min bli med?\n\nMvh Kari";
    expect(
      stripQuotedReply(`${reply}\n\nlør. 28. nov. 2026 kl. 14:02 skrev Bilhuset <a@b.no>:\n> Hei Kari!`),
    ).toBe(reply);
  });

  it("keeps answers written between quoted lines", () => {
    const text = "> Passer lørdag?\nJa, lørdag passer.\n> Har du innbytte?\nJa, en Golf 2015.";
    expect(stripQuotedReply(text)).toBe(text);
  });

  it("does not cut a sentence that only mentions writing", () => {
    const text = "Den bilen dere skrev om i annonsen, er den solgt?\nHilsen Per";
    expect(stripQuotedReply(text)).toBe(text);
  });

  it("handles CRLF and returns the whole text when everything is quoted", () => {
    expect(stripQuotedReply("Ja.\r\n\r\n> Passer det?\r\n")).toBe("Ja.");
    expect(stripQuotedReply("> bare sitat")).toBe("> bare sitat");
  });
});
