import { describe, expect, it } from "vitest";
import { buildInboundMessage } from "../../../tests/fixtures/emails/build-inbound-message.ts";
import { prefilterEmail } from "./prefilter-email.ts";

const customer = (overrides: Parameters<typeof buildInboundMessage>[0] = {}) =>
  buildInboundMessage({
    subject: "Prøvekjøring",
    text: "Hei, kan jeg prøvekjøre Corollaen på lørdag?",
    ...overrides,
  });

describe("prefilterEmail", () => {
  it("lets an ordinary customer e-mail through", () => {
    expect(prefilterEmail(customer())).toBeNull();
  });

  describe("automatic replies", () => {
    it.each([
      [{ "auto-submitted": ["auto-replied"] }, "Auto-Submitted: auto-replied"],
      [{ "auto-submitted": ["auto-generated"] }, "Auto-Submitted: auto-generated"],
      [{ "x-autoreply": ["yes"] }, "x-autoreply: yes"],
      [{ "x-autorespond": ["Fraværsmelding"] }, "x-autorespond"],
      [{ precedence: ["auto_reply"] }, "Precedence: auto_reply"],
      [{ precedence: ["junk"] }, "Precedence: junk"],
    ])("flags headers %j", (headers, reason) => {
      expect(prefilterEmail(customer({ headers }))).toEqual({
        verdict: "auto_reply",
        reason: expect.stringContaining(reason),
      });
    });

    it("ignores Auto-Submitted: no", () => {
      expect(prefilterEmail(customer({ headers: { "auto-submitted": ["no"] } }))).toBeNull();
    });

    it.each([
      "Fravær: Tilbud på Yaris",
      "Fraværsmelding",
      "Automatisk svar: Prøvekjøring",
      "Autosvar: Re: Tilbud",
      "Out of Office: Re: Your offer",
      "Out of office",
      "Automatic reply: Test drive",
      "Ikke til stede: Re: Tilbud",
    ])("flags the out-of-office subject %j", (subject) => {
      expect(prefilterEmail(customer({ subject }))?.verdict).toBe("auto_reply");
    });

    it("does not flag a subject that merely mentions absence later on", () => {
      expect(prefilterEmail(customer({ subject: "Re: Prøvekjøring etter fraværet mitt" }))).toBeNull();
    });
  });

  describe("bounces", () => {
    it.each([
      ["MAILER-DAEMON@mx.example.no", "Undelivered Mail Returned to Sender"],
      ["postmaster@firma.example.no", "Undeliverable: Tilbud på Toyota Yaris"],
      ["postmaster@firma.example.no", "Delivery Status Notification (Failure)"],
      ["mailer-daemon@googlemail.com", "Returned mail: see transcript for details"],
      ["postmaster@firma.example.no", "Kunne ikke leveres: Tilbud"],
    ])("flags %s «%s»", (address, subject) => {
      expect(
        prefilterEmail(customer({ from: { address, name: null }, subject, text: "Delivery has failed" }))
          ?.verdict,
      ).toBe("bounce");
    });

    it("flags a multipart/report delivery-status whatever the sender", () => {
      const msg = customer({
        headers: { "content-type": ["multipart/report; report-type=delivery-status; boundary=x"] },
      });
      expect(prefilterEmail(msg)?.verdict).toBe("bounce");
    });

    it("does not flag a customer whose subject says a delivery failed", () => {
      expect(prefilterEmail(customer({ subject: "Levering mislyktes – når kommer bilen?" }))).toBeNull();
    });
  });

  describe("newsletters", () => {
    it("flags List-Unsubscribe with List-Id", () => {
      const headers = {
        "list-unsubscribe": ["<https://x.example.no/u>"],
        "list-id": ["Nyheter <nyheter.example.no>"],
      };
      expect(prefilterEmail(customer({ headers }))?.verdict).toBe("newsletter");
    });

    it("flags Precedence: bulk", () => {
      expect(prefilterEmail(customer({ headers: { precedence: ["bulk"] } }))?.verdict).toBe("newsletter");
    });

    it("flags List-Unsubscribe from a marketing sender", () => {
      const msg = customer({
        from: { address: "nyhetsbrev@forhandler.example.no", name: null },
        headers: { "list-unsubscribe": ["<mailto:u@x.no>"] },
      });
      expect(prefilterEmail(msg)?.verdict).toBe("newsletter");
    });

    it("lets a person's mail with only List-Unsubscribe through", () => {
      expect(prefilterEmail(customer({ headers: { "list-unsubscribe": ["<mailto:u@x.no>"] } }))).toBeNull();
    });
  });

  describe("spam", () => {
    it("flags a blocked sender domain and its subdomains", () => {
      const settings = { blockedSenderDomains: ["spammy.example.com"] };
      expect(
        prefilterEmail(customer({ from: { address: "a@spammy.example.com", name: null } }), settings)
          ?.verdict,
      ).toBe("spam");
      expect(
        prefilterEmail(customer({ from: { address: "a@mail.spammy.example.com", name: null } }), settings)
          ?.reason,
      ).toContain("spammy.example.com");
      expect(
        prefilterEmail(customer({ from: { address: "a@notspammy.example.com", name: null } }), settings),
      ).toBeNull();
    });

    it.each([
      "Invester i Bitcoin i dag!",
      "Tjen penger på krypto",
      "Cheap viagra online",
      "Congratulations, you have won an iPhone",
      "Gratulerer! Du har vunnet et gavekort",
      "We can put your site on the first page of Google",
      "Garantert avkastning på 30 %",
    ])("flags the spam text %j", (text) => {
      expect(prefilterEmail(customer({ subject: "Hei", text }))?.verdict).toBe("spam");
    });

    it("flags many links with little text", () => {
      const text = Array.from({ length: 12 }, (_, i) => `https://x.example.net/${i}`).join("\n");
      expect(prefilterEmail(customer({ subject: "Tilbud", text }))).toEqual({
        verdict: "spam",
        reason: expect.stringContaining("12"),
      });
    });

    it("lets a long mail with a few links through", () => {
      const text = `${"Hei, jeg lurer på om bilen er ledig. ".repeat(30)}\nhttps://www.finn.no/mobility/item/123456789`;
      expect(prefilterEmail(customer({ text }))).toBeNull();
    });

    it("flags SPF fail together with DKIM fail, not either alone", () => {
      expect(
        prefilterEmail(customer({ auth: { spf: "softfail", dkim: "fail", spamScore: null } }))?.verdict,
      ).toBe("spam");
      expect(prefilterEmail(customer({ auth: { spf: "fail", dkim: "pass", spamScore: null } }))).toBeNull();
      expect(prefilterEmail(customer({ auth: { spf: "pass", dkim: "fail", spamScore: null } }))).toBeNull();
    });

    it("flags a spam score of 5 or more", () => {
      expect(prefilterEmail(customer({ auth: { spf: null, dkim: null, spamScore: 5 } }))?.reason).toContain(
        "5",
      );
      expect(prefilterEmail(customer({ auth: { spf: null, dkim: null, spamScore: 4.9 } }))).toBeNull();
    });
  });

  describe("lead notifications", () => {
    const bulkHeaders = {
      "list-unsubscribe": ["<mailto:unsubscribe@toyota.no>"],
      precedence: ["bulk"],
      "auto-submitted": ["auto-generated"],
    };

    it.each([
      "no-reply@toyota.no",
      "no-reply@volkswagen.no",
      "noreply@finn.no",
      "varsel@finn.no",
      "noreply@skoda.no",
    ])("lets a notification from %s through despite bulk headers", (address) => {
      const msg = customer({
        from: { address, name: null },
        headers: bulkHeaders,
        subject: "Ny henvendelse",
      });
      expect(prefilterEmail(msg)).toBeNull();
    });

    it("does not trust a portal domain on a forged mail", () => {
      const msg = customer({
        from: { address: "no-reply@toyota.no", name: null },
        auth: { spf: "fail", dkim: "fail", spamScore: null },
      });
      expect(prefilterEmail(msg)?.verdict).toBe("spam");
    });

    it("lets an auto-generated ADF lead from an unknown CRM through", () => {
      const msg = customer({
        from: { address: "leads@crm.example.no", name: null },
        headers: { "auto-submitted": ["auto-generated"] },
        text: '<?xml version="1.0"?><adf><prospect><customer><contact><name part="full">Kari</name></contact></customer></prospect></adf>',
      });
      expect(prefilterEmail(msg)).toBeNull();
    });

    it("still flags an out-of-office reply from a portal employee", () => {
      const msg = customer({
        from: { address: "ola@toyota.no", name: null },
        subject: "Automatisk svar: Lead",
        headers: { "auto-submitted": ["auto-replied"] },
      });
      expect(prefilterEmail(msg)?.verdict).toBe("auto_reply");
    });
  });
});
