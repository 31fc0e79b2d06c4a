import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildInboundMessage } from "../../../tests/fixtures/emails/build-inbound-message.ts";
import { EMAIL_FIXTURES_DIR, loadEmailFixture } from "../../../tests/fixtures/emails/load-fixture.ts";
import { extractedEmailLead, type InboundMessage } from "../inbound-message.ts";
import { classifyEmailHeuristically } from "./classify-email-heuristically.ts";
import { parseAdfLead } from "./parse-adf-lead.ts";
import { parseFinnNotification } from "./parse-finn-notification.ts";
import { parsePortalEmail } from "./parse-portal-email.ts";
import { prefilterEmail } from "./prefilter-email.ts";

const mail = (subject: string, text: string, overrides: Partial<InboundMessage> = {}) =>
  classifyEmailHeuristically(buildInboundMessage({ subject, text, ...overrides }));

describe("classifyEmailHeuristically", () => {
  it.each([
    ["Prøvekjøring", "Hei, kan jeg prøvekjøre Toyota Yaris Cross i morgen?"],
    ["Tilbud", "Hva koster Skoda Enyaq 85 med vinterhjul?"],
    ["Innbytte", "Jeg vil kjøpe en ny bil og har en Golf 2015 (EL 12345) i innbytte. Hva kan dere gi?"],
    ["Finansiering", "Hva blir månedsprisen med finansiering over 5 år på Kia EV3?"],
    ["Bil på nettsiden", "Er bilen fortsatt ledig?"],
    ["Test drive", "Hi, I'm interested in the Volvo EX30. Could I book a test drive?"],
  ])("recognises the sales inquiry %j", (subject, text) => {
    const result = mail(subject, text);
    expect(result.classification).toBe("sales_inquiry");
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(() => extractedEmailLead.parse(result.extracted)).not.toThrow();
  });

  it.each([
    ["Faktura 1184", "Vedlagt faktura. Forfallsdato 14.12. KID 0011841842026."],
    ["Søknad på stilling som bilselger", "Jeg søker herved på stillingen. CV og attester ettersendes."],
    ["Ditt abonnement", "Abonnementet ditt fornyes automatisk neste måned."],
    [
      "Samarbeid",
      "Vi er en leverandør av dekk og tilbyr forhandlerpris til bilforhandlere. Ønsker dere et samarbeid?",
    ],
  ])("classifies %j as other", (subject, text) => {
    const result = mail(subject, text);
    expect(result).toMatchObject({ classification: "other", extracted: null });
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it("classifies obvious spam that got past the pre-filter as spam", () => {
    expect(mail("Investering", "Tjen penger på bitcoin med garantert avkastning").classification).toBe(
      "spam",
    );
  });

  it.each([
    ["Spørsmål", "Hei, kan dere ringe meg?"],
    ["Hei", "Takk for sist!"],
    ["(uten emne)", ""],
  ])("is uncertain about %j with confidence below 0.6", (subject, text) => {
    const result = mail(subject, text);
    expect(result.classification).toBe("uncertain");
    expect(result.confidence).toBeLessThan(0.6);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
  });

  it("extracts the lead from a direct customer mail", () => {
    const result = mail(
      "Toyota bZ4X",
      "Hei!\nJeg er interessert i Toyota bZ4X Executive. Kan jeg prøvekjøre den snarest?\nRing meg på 912 34 567.\n\nMvh Kari Nordmann\n\nDen 28. nov. 2026 kl. 14:02 skrev Bilhuset <a@b.no>:\n> Gammel tekst om Volvo",
    );
    expect(result.extracted).toEqual({
      name: "Kari Nordmann",
      email: "kari.nordmann@example.no",
      phone: "+4791234567",
      vehicleInterest: "Toyota bZ4X Executive",
      message:
        "Hei!\nJeg er interessert i Toyota bZ4X Executive. Kan jeg prøvekjøre den snarest?\nRing meg på 912 34 567.\n\nMvh Kari Nordmann",
      urgency: "high",
      source: "direct_email",
      sourceUrl: null,
      externalId: null,
      replyByEmail: true,
    });
  });

  it("takes the name from the signature when From has no display name", () => {
    const result = mail("Tilbud", "Hva er prisen på Kia EV6?\n\nMed vennlig hilsen\nOla Hansen", {
      from: { address: "ola@example.no", name: null },
    });
    expect(result.extracted?.name).toBe("Ola Hansen");
  });

  it("uses Reply-To when From is a no-reply form mailer", () => {
    const result = mail("Kontaktskjema", "Jeg er interessert i Hyundai IONIQ 5. Hva koster den?", {
      from: { address: "no-reply@nettside.example.no", name: "Nettsiden" },
      replyTo: [{ address: "Lars.Berg@example.no", name: "Lars Berg" }],
    });
    expect(result.extracted).toMatchObject({
      email: "lars.berg@example.no",
      name: "Lars Berg",
      replyByEmail: true,
    });
  });

  it.each([
    ["Kan jeg komme i dag og se på Yarisen?", "high"],
    ["Det haster, trenger bil til jobb", "high"],
    ["Hva er prisen på Corolla?", "medium"],
    ["Er bilen fortsatt ledig?", "low"],
  ])("urgency of %j is %s", (text, urgency) => {
    expect(mail("Toyota", text).extracted?.urgency).toBe(urgency);
  });

  it("ignores dates, amounts and registration numbers when looking for a phone number", () => {
    const result = mail(
      "Innbytte",
      "Jeg vil kjøpe en Tiguan. Innbytte: Golf EL 12345, 142 000 km, 2015-modell. Pris 459 900 kr?",
    );
    expect(result.extracted?.phone).toBeNull();
  });

  // The time per mail (the 50 mails/s budget) is bench:email's figure, not a limit in a unit test.
  it("is deterministic", async () => {
    const files = readdirSync(EMAIL_FIXTURES_DIR).filter((f) => f.endsWith(".eml"));
    const messages = await Promise.all(files.map((f) => loadEmailFixture(f)));
    const run = () =>
      messages.map(
        (m) =>
          prefilterEmail(m) ??
          parseAdfLead(m) ??
          parsePortalEmail(m) ??
          parseFinnNotification(m) ??
          classifyEmailHeuristically(m),
      );
    const first = JSON.stringify(run());
    expect(messages.length).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect(JSON.stringify(run())).toBe(first);
  });
});
