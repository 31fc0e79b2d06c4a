import { describe, expect, it } from "vitest";
import { buildInboundMessage } from "../../../tests/fixtures/emails/build-inbound-message.ts";
import { parsePortalEmail } from "./parse-portal-email.ts";

const portal = (text: string, address = "no-reply@toyota.no", html: string | null = null) =>
  parsePortalEmail(
    buildInboundMessage({ from: { address, name: "Portal" }, subject: "Ny henvendelse", text, html }),
  );

describe("parsePortalEmail", () => {
  it("reads a plain label/value block", () => {
    const text =
      "Type henvendelse: Prøvekjøring\nNavn: Kari Nordmann\nE-post: kari@example.no\nTelefon: 912 34 567\nModell: Toyota bZ4X\nMelding: Passer tirsdag?\nReferanse: TNO-1";
    expect(portal(text)).toEqual({
      name: "Kari Nordmann",
      email: "kari@example.no",
      phone: "+4791234567",
      vehicleInterest: "Toyota bZ4X",
      message: "Passer tirsdag?",
      urgency: "high",
      source: "toyota.no",
      sourceUrl: null,
      externalId: "toyota.no:TNO-1",
      replyByEmail: true,
    });
  });

  it("joins Fornavn/Etternavn and accepts label variants", () => {
    const lead = portal(
      "Fornavn: Ola\nEtternavn: Hansen\nE-postadresse: ola@example.no\nMobil: 41234567\nInteressert i: ID.4\nKommentar: Hei",
      "no-reply@volkswagen.no",
    );
    expect(lead).toMatchObject({
      name: "Ola Hansen",
      email: "ola@example.no",
      phone: "+4741234567",
      vehicleInterest: "ID.4",
      source: "volkswagen.no",
    });
  });

  it("reads values on the line after their label and multi-line messages", () => {
    const lead = portal(
      "Navn:\nKari Nordmann\n\nEpost:\nkari@example.no\n\nMelding:\nFørste linje\nandre linje\n\nHilsen portalen",
    );
    expect(lead).toMatchObject({
      name: "Kari Nordmann",
      email: "kari@example.no",
      message: "Første linje\nandre linje",
    });
  });

  it("reads an HTML table when the text body is empty", () => {
    const html =
      "<table><tr><td>Navn</td><td>Kari Nordmann</td></tr><tr><td>Tlf:</td><td>+47 912 34 567</td></tr><tr><td>Bil</td><td>Kia EV3</td></tr></table>";
    expect(portal("", "noreply@kia.no", html)).toMatchObject({
      name: "Kari Nordmann",
      phone: "+4791234567",
      vehicleInterest: "Kia EV3",
      source: "other",
      email: null,
      replyByEmail: false,
    });
  });

  it("never returns the portal's own no-reply address as the customer's", () => {
    const lead = portal("Navn: Kari\nE-post: no-reply@toyota.no\nTelefon: 912 34 567");
    expect(lead).toMatchObject({ email: null, phone: "+4791234567" });
    expect(portal("Navn: Kari\nE-post: no-reply@toyota.no")).toBeNull();
  });

  it.each([
    ["Tilbud", "medium"],
    ["Pristilbud", "medium"],
    ["Prøvekjøring", "high"],
    ["Brosjyre", "low"],
  ])("Type henvendelse %s → %s", (type, urgency) => {
    expect(portal(`Type henvendelse: ${type}\nNavn: Kari\nE-post: kari@example.no`)?.urgency).toBe(urgency);
  });

  it("names toyota.no for a relayed notification that says where it came from", () => {
    expect(
      portal(
        "Ny henvendelse via toyota.no\nNavn: Kari\nE-post: kari@example.no",
        "leads@forhandler.example.no",
      )?.source,
    ).toBe("toyota.no");
  });

  it("keeps the portal's lead link", () => {
    const lead = portal(
      "Navn: Kari\nE-post: kari@example.no\nReferanse: TNO-9\nSe https://forhandler.toyota.no/leads/TNO-9",
    );
    expect(lead?.sourceUrl).toBe("https://forhandler.toyota.no/leads/TNO-9");
  });

  it("returns null for a customer's own mail with a signature", () => {
    expect(
      portal("Hei, er bilen ledig?\n\nMvh Kari\nTlf: 912 34 567\nE-post: kari@example.no", "kari@example.no"),
    ).toBeNull();
  });

  it("returns null for a contact field without another lead field, or other fields without contact", () => {
    expect(portal("Telefon: 912 34 567")).toBeNull();
    expect(portal("Navn: Kari Nordmann\nModell: Yaris")).toBeNull();
    expect(portal("Beløp: 100 kr\nKID: 12345\nForfallsdato: 14.12.2026")).toBeNull();
  });

  it("keeps a person's free text as the message when there is no message label", () => {
    const lead = portal(
      "Navn: Kari Nordmann\nTlf: 912 34 567\n\nHei, er Yarisen fortsatt ledig?",
      "kari@example.no",
    );
    expect(lead).toMatchObject({ name: "Kari Nordmann", message: "Hei, er Yarisen fortsatt ledig?" });
    expect(portal("Du har en ny henvendelse.\nNavn: Kari\nTlf: 912 34 567")?.message).toBeNull();
  });

  it("leaves FINN notifications to the FINN parser", () => {
    expect(portal("Navn: Ola\nE-post: ola@example.no\nTelefon: 412 34 567", "noreply@finn.no")).toBeNull();
  });
});
