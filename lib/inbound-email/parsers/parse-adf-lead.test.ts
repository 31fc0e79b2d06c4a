import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildInboundMessage } from "../../../tests/fixtures/emails/build-inbound-message.ts";
import { EMAIL_FIXTURES_DIR } from "../../../tests/fixtures/emails/load-fixture.ts";
import { extractedEmailLead } from "../inbound-message.ts";
import { parseAdfLead } from "./parse-adf-lead.ts";

const sample = (file: string) => readFileSync(join(EMAIL_FIXTURES_DIR, "adf", file), "utf8");
const inBody = (xml: string) =>
  parseAdfLead(buildInboundMessage({ from: { address: "leads@crm.example.no", name: null }, text: xml }));

const MINIMAL = `<?xml version="1.0"?><?adf version="1.0"?><adf><prospect><id source="toyota.no">L-1</id>
<vehicle interest="buy"><year>2026</year><make>Toyota</make><model>Yaris Cross</model></vehicle>
<customer><contact><name part="full">Kari Nordmann</name><email>kari@example.no</email><phone>912 34 567</phone></contact>
<comments>Hva er prisen?</comments></customer><provider><name>Toyota Norge</name></provider></prospect></adf>`;

describe("parseAdfLead – reference samples", () => {
  it("reads the spec's minimal example", () => {
    expect(inBody(sample("spec-example-minimal.adf.xml"))).toMatchObject({
      name: "John Doe",
      email: null,
      phone: "393-999-3922",
      vehicleInterest: "1999 Chevrolet Blazer",
      urgency: "medium",
      source: "other",
      externalId: null,
      replyByEmail: true,
    });
  });

  it("reads the provider block without taking the provider's contact as the customer's", () => {
    const lead = inBody(sample("spec-example-with-provider.adf.xml"));
    expect(lead).toMatchObject({ name: "John Doe", email: null, source: "other", sourceUrl: null });
  });

  it("takes the vehicle bought, not the trade-in, and the customer's comments", () => {
    expect(inBody(sample("library-sample-buy-plus-tradein-full.adf.xml"))).toMatchObject({
      name: "John Doe",
      email: "jdoe@example.com",
      phone: "393-999-3922",
      vehicleInterest: "1999 Chevrolet Blazer LT",
      message: "Can you deliver my new car by next Thursday?",
      urgency: "medium",
    });
  });

  it("reads CDATA comments and prefixes the prospect id with its source", () => {
    const lead = inBody(sample("real-2026-harley-davidson-marketplace-prequal.adf.xml"));
    expect(lead).toMatchObject({
      name: "Kari Nordmann",
      email: "kari.nordmann@example.com",
      vehicleInterest: "2023 Harley-Davidson Nightster",
      externalId: "LeadID:0d405f1b-1440-4d1c-979e-e56b1558f54c",
    });
    expect(lead?.message).toContain("PreQual: N");
  });

  it("accepts a prospect without a vehicle or XML declaration", () => {
    expect(inBody(sample("real-2026-motomate123-coupon-lead.adf.xml"))).toMatchObject({
      name: "Ola Nordmann",
      vehicleInterest: null,
      externalId: "MotoMate123:69b0b744863abac139405c27",
      message: "Sent from VDP page",
    });
  });

  it("returns null for a status=resend stub that names no customer (comment before the declaration)", () => {
    expect(inBody(sample("sloppy-resend-comment-before-xml-declaration.adf.xml"))).toBeNull();
  });

  it("tolerates a vendor's sloppy document and prefers the mobile number", () => {
    expect(inBody(sample("sloppy-vendor-doc-mygoaltracking.adf.xml"))).toMatchObject({
      name: "Johnny Customer",
      phone: "979-685-9685",
      vehicleInterest: "1995 BUICK Regal",
      externalId: null,
      message: "What is your best price?",
    });
  });

  it("tolerates a bad timezone offset and drops an invalid e-mail", () => {
    expect(inBody(sample("sloppy-wikipedia-example-bad-tz-offset.adf.xml"))).toMatchObject({
      name: "First Last",
      email: null,
      phone: "323-223-3322",
      vehicleInterest: "2008 Make Model",
    });
  });

  it("gives every sample a result the contract schema accepts", () => {
    for (const file of [
      "spec-example-minimal.adf.xml",
      "library-sample-buy-plus-tradein-full.adf.xml",
      "real-2026-motomate123-coupon-lead.adf.xml",
    ]) {
      expect(() => extractedEmailLead.parse(inBody(sample(file)))).not.toThrow();
    }
  });
});

describe("parseAdfLead – where the document sits", () => {
  it("normalises a Norwegian phone number and maps the provider", () => {
    expect(inBody(MINIMAL)).toMatchObject({
      phone: "+4791234567",
      source: "toyota.no",
      externalId: "toyota.no:L-1",
      urgency: "medium",
    });
  });

  it("finds ADF inside prose in a text body", () => {
    expect(inBody(`Hei,\n\nNy lead under:\n\n${MINIMAL}\n\nHilsen leadsystemet`)?.name).toBe("Kari Nordmann");
  });

  it("finds HTML-escaped ADF in an HTML-only body", () => {
    const html = `<html><body><p>Lead:</p><pre>${MINIMAL.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</pre></body></html>`;
    expect(parseAdfLead(buildInboundMessage({ text: "", html }))?.email).toBe("kari@example.no");
  });

  it.each([
    ["lead.xml", "application/xml"],
    ["lead.adf", "application/octet-stream"],
    ["lead", "text/xml"],
    [null, "application/x-adf+xml"],
  ])("reads an attachment %s (%s)", (filename, contentType) => {
    const content = Buffer.from(MINIMAL, "utf8");
    const msg = buildInboundMessage({
      text: "Se vedlegg.",
      attachments: [{ filename, contentType, size: content.length, content }],
    });
    expect(parseAdfLead(msg)?.vehicleInterest).toBe("2026 Toyota Yaris Cross");
  });

  it("decodes a Latin-1 attachment", () => {
    const xml = MINIMAL.replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0" encoding="ISO-8859-1"?>',
    ).replace("Kari Nordmann", "Bjørn Sæther");
    const content = Buffer.from(xml, "latin1");
    const msg = buildInboundMessage({
      attachments: [{ filename: "lead.xml", contentType: "application/xml", size: content.length, content }],
    });
    expect(parseAdfLead(msg)?.name).toBe("Bjørn Sæther");
  });

  it("returns null without ADF and does not throw on broken XML", () => {
    expect(inBody("Hei, er bilen ledig?")).toBeNull();
    expect(
      inBody("<adf><prospect><customer><contact><name>Kari</name></contact></customer></prospect"),
    ).toBeNull();
    expect(() => inBody("<adf><prospect><<<</adf>")).not.toThrow();
  });
});

describe("parseAdfLead – mapping", () => {
  it.each([
    ["<provider><name>Volkswagen Norge</name></provider>", "volkswagen.no"],
    ["<provider><name>Lead</name><url>https://www.volkswagen.no/</url></provider>", "volkswagen.no"],
    ['<provider><name part="full">FINN.no</name></provider>', "finn.no"],
    ["<provider><name>Bilportalen</name></provider>", "toyota.no"],
  ])("maps %s to %s (the id's source decides only when the provider is unknown)", (provider, source) => {
    expect(inBody(MINIMAL.replace("<provider><name>Toyota Norge</name></provider>", provider))?.source).toBe(
      source,
    );
  });

  it("falls back to other when neither provider nor id source is known", () => {
    const xml = MINIMAL.replace('source="toyota.no"', 'source="BilCRM"').replace(
      "Toyota Norge",
      "Bilportalen",
    );
    expect(inBody(xml)).toMatchObject({ source: "other", externalId: "BilCRM:L-1" });
  });

  it.each([
    ["<comments>Trenger bil snarest!</comments>", "high"],
    ["<comments>Kan jeg prøvekjøre i morgen?</comments>", "high"],
    [
      "<comments>Hva er prisen?</comments><timeframe><description>Within 1 week</description></timeframe>",
      "high",
    ],
    ["<comments>Hva er prisen?</comments>", "medium"],
  ])("urgency for %s is %s", (comments, urgency) => {
    expect(inBody(MINIMAL.replace("<comments>Hva er prisen?</comments>", comments))?.urgency).toBe(urgency);
  });

  it("treats interest=test-drive as urgent", () => {
    expect(inBody(MINIMAL.replace('interest="buy"', 'interest="test-drive"'))?.urgency).toBe("high");
  });

  it("joins first and last name and reads tags in any case", () => {
    const xml = MINIMAL.replace(
      '<name part="full">Kari Nordmann</name>',
      '<NAME PART="first">Kari</NAME><Name part="last">Nordmann</Name>',
    );
    expect(inBody(xml)?.name).toBe("Kari Nordmann");
  });
});
