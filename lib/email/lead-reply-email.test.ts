import { describe, expect, it } from "vitest";
import { brandColor, renderLeadReplyEmail, type LeadReplyEmailProps } from "./lead-reply-email.ts";

const unsubscribeUrl = "https://app.norvalt.no/avmeld/abc.def";
const base: LeadReplyEmailProps = {
  dealership: {
    name: "Fjordbil AS",
    phone: "+47 22 33 44 55",
    email: "post@fjordbil.no",
    address: "Strandveien 1",
    city: "Bergen",
    logoUrl: "https://cdn.fjordbil.no/logo.png",
    primaryColor: "#0a7d3b",
  },
  bodyText: [
    "Hei Ola,",
    "Takk for at du tok kontakt! VW ID.4 er ledig.\nVil du komme på prøvetur?",
    "Med vennlig hilsen\nKari, Fjordbil AS",
    "Dette svaret er skrevet med hjelp av kunstig intelligens.",
  ].join("\n\n"),
  unsubscribeUrl,
};
const render = (
  overrides: Partial<LeadReplyEmailProps> = {},
  dealership: Partial<LeadReplyEmailProps["dealership"]> = {},
) => renderLeadReplyEmail({ ...base, ...overrides, dealership: { ...base.dealership, ...dealership } });

describe("renderLeadReplyEmail", () => {
  it("writes the phone number the Norwegian way and names the city once", async () => {
    const { text } = await render(
      {},
      { phone: "+4722334455", address: "Økernveien 145, 0580 Oslo", city: "Oslo" },
    );
    expect(text).toContain("Økernveien 145, 0580 Oslo\n");
    expect(text).not.toContain("0580 Oslo, Oslo");
    expect(text).toContain("Telefon: 22 33 44 55");
  });

  it("brands the e-mail and carries the body, contact details, disclosure and unsubscribe link", async () => {
    const { html } = await render();
    expect(html).toContain('lang="nb"');
    expect(html).toContain("Fjordbil AS");
    expect(html).toContain("background-color:#0a7d3b");
    expect(html).toContain('src="https://cdn.fjordbil.no/logo.png"');
    expect(html).toContain("Takk for at du tok kontakt! VW ID.4 er ledig.<br/>Vil du komme på prøvetur?");
    expect(html).toContain("Dette svaret er skrevet med hjelp av kunstig intelligens.");
    expect(html).toContain('href="tel:+4722334455"');
    expect(html).toContain('href="mailto:post@fjordbil.no"');
    expect(html).toContain("Strandveien 1, Bergen");
    expect(html).toContain("Du får denne e-posten fordi du kontaktet Fjordbil AS.");
    expect(html).toContain(`href="${unsubscribeUrl}"`);
    expect(html).toMatch(/>Meld deg av<\/a>/);
  });

  it("escapes customer-influenced text", async () => {
    const { html } = await render(
      { bodyText: 'Hei <script>alert("x")</script>,\n\n<img src=x onerror=alert(1)>' },
      { name: 'Bil & "Co" <b>' },
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("Bil &amp; ");
    expect(html).not.toContain("<b>");
  });

  it("shows the dealership's signature below the body, line by line, as escaped plain text", async () => {
    const signature = 'Vennlig hilsen\nFjordbil AS <script>alert("x")</script>\nTlf. 22 33 44 55 & "service"';
    const { html, text } = await render({ bodyText: "Hei Ola!\n\nTakk for meldingen.", signature });
    expect(html).toContain('class="signature"');
    expect(html).not.toContain("<script>");
    expect(html).toContain("Fjordbil AS &lt;script&gt;alert(");
    expect(html).toMatch(/Vennlig hilsen<br\/?>Fjordbil AS/);
    expect(html).toContain("Tlf. 22 33 44 55 &amp;");
    expect(html.indexOf("Takk for meldingen.")).toBeLessThan(html.indexOf("Vennlig hilsen"));
    expect(text).toContain("Vennlig hilsen\nFjordbil AS <script>");
  });

  it("does not repeat a signature the body already ends with (the responders sign their replies)", async () => {
    const signature = "Med vennlig hilsen\nKari, Fjordbil AS";
    const { html } = await render({ signature });
    expect(html).toContain("Med vennlig hilsen");
    expect(html).not.toContain('class="signature"');
    const { html: unsigned } = await render({ signature: "   " });
    expect(unsigned).not.toContain('class="signature"');
  });

  it("uses the brand colour only when it is a hex colour", async () => {
    const { html } = await render({}, { primaryColor: "red;background:url(https://evil.example/x.png)" });
    expect(html).not.toContain("evil.example");
    expect(html).not.toContain("red;background");
    expect(html).toContain("background-color:#334155");
    expect(brandColor("#FFF")).toBe("#FFF");
    expect(brandColor("#12345")).toBe("#334155");
    expect(brandColor(null)).toBe("#334155");
  });

  it("keeps the dealership name readable on a light brand colour", async () => {
    const { html } = await render({}, { primaryColor: "#ffeb3b" });
    expect(html).toMatch(/<h1[^>]*color:#111827/);
    expect((await render()).html).toMatch(/<h1[^>]*color:#ffffff/);
  });

  it.each([
    "http://cdn.fjordbil.no/logo.png",
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    "logo.png",
    null,
  ])("shows no logo for %j", async (logoUrl) => {
    const { html } = await render({}, { logoUrl });
    expect(html).not.toContain("<img");
  });

  it("leaves out contact lines the dealership has not filled in", async () => {
    const { html } = await render({}, { phone: null, address: null, city: null });
    expect(html).not.toContain("tel:");
    expect(html).not.toContain("Telefon:");
    expect(html).toContain("mailto:post@fjordbil.no");
  });

  it("has a plain-text part with the body and the unsubscribe URL", async () => {
    const { text } = await render({ preview: "Forhåndsvisning som ikke skal med" });
    expect(text).toContain("Fjordbil AS");
    expect(text).toContain("Hei Ola,");
    expect(text).toContain("Takk for at du tok kontakt! VW ID.4 er ledig.\nVil du komme på prøvetur?");
    expect(text).toContain("Dette svaret er skrevet med hjelp av kunstig intelligens.");
    expect(text).toContain("Telefon: 22 33 44 55");
    expect(text).toContain(unsubscribeUrl);
    expect(text).not.toContain("<");
    expect(text).not.toContain("Forhåndsvisning");
  });
});
