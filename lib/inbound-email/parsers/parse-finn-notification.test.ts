import { describe, expect, it } from "vitest";
import { buildInboundMessage } from "../../../tests/fixtures/emails/build-inbound-message.ts";
import { parseFinnNotification } from "./parse-finn-notification.ts";

const finn = (
  text: string,
  subject = "Ny melding",
  address = "noreply@finn.no",
  html: string | null = null,
) => parseFinnNotification(buildInboundMessage({ from: { address, name: "FINN.no" }, subject, text, html }));

describe("parseFinnNotification", () => {
  it("reads buyer, ad, message, code and conversation link", () => {
    const text = [
      "Du har fått en ny melding fra Kari Nordmann om annonsen «Toyota Yaris 1.5 Hybrid 2020».",
      "",
      "Melding:",
      "Er bilen fortsatt til salgs?",
      "",
      "FINN-kode: 123456789",
      "https://www.finn.no/messages/conversation/abc-123",
    ].join("\n");
    expect(finn(text)).toEqual({
      name: "Kari Nordmann",
      email: null,
      phone: null,
      vehicleInterest: "Toyota Yaris 1.5 Hybrid 2020",
      message: "Er bilen fortsatt til salgs?",
      urgency: "low",
      source: "finn.no",
      sourceUrl: "https://www.finn.no/messages/conversation/abc-123",
      externalId: "finn:123456789",
      replyByEmail: false,
    });
  });

  it("takes the buyer's contact details only when FINN shows them", () => {
    const text =
      "Ny melding fra Ola Hansen om annonsen «Golf»\n\nMelding:\nPris?\n\nE-post: ola@example.no\nTelefon: 412 34 567\nFINN-kode 222333444";
    expect(finn(text)).toMatchObject({ email: "ola@example.no", phone: "+4741234567", replyByEmail: false });
  });

  it("ignores FINN's own addresses shown as e-mail", () => {
    expect(
      finn("Du har fått en ny melding om annonsen «Golf»\n\nE-post: noreply@finn.no\nFINN-kode 222333444")
        ?.email,
    ).toBeNull();
  });

  it("reads an HTML-only notification and takes the code from the ad link", () => {
    const html =
      '<p>En kjøper har sendt deg en melding</p><p>Om annonsen: <a href="https://www.finn.no/car/used/ad.html?finnkode=398765432">Tesla Model Y</a></p><p>Hva er laveste pris?</p>';
    expect(finn("", "Ny melding", "varsel@finn.no", html)).toMatchObject({
      name: null,
      vehicleInterest: "Tesla Model Y",
      message: "Hva er laveste pris?",
      urgency: "medium",
      externalId: "finn:398765432",
      sourceUrl: "https://www.finn.no/car/used/ad.html?finnkode=398765432",
    });
  });

  it("reads a notification forwarded by the dealer's own staff", () => {
    const text =
      "---------- Forwarded message ----------\nFra: FINN.no <noreply@finn.no>\n\nDu har fått en ny melding om annonsen din:\nSkoda Octavia 2019\n\n«Kan jeg prøvekjøre i dag?»\n\nhttps://www.finn.no/mobility/item/345678901";
    expect(finn(text, "Fwd: Ny melding", "selger@bilhuset-demo.example.no")).toMatchObject({
      vehicleInterest: "Skoda Octavia 2019",
      message: "Kan jeg prøvekjøre i dag?",
      urgency: "high",
      externalId: "finn:345678901",
    });
  });

  it("returns null for other FINN mail and for mail not from FINN", () => {
    expect(finn("Annonsen din er nå publisert. FINN-kode 123456789", "Annonsen din er publisert")).toBeNull();
    expect(finn("Du har fått en ny melding om annonsen «Golf»", "Ny melding", "kari@example.no")).toBeNull();
  });
});
