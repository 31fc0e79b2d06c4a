import { describe, expect, it } from "vitest";
import { convertHtmlToText } from "./convert-html-to-text.ts";

describe("convertHtmlToText (html-to-text)", () => {
  it("keeps a table row on one line, cells apart by a tab, rows and paragraphs apart by a blank line", () => {
    const html =
      "<html><head><title>Lead</title><style>td{color:red}</style></head><body>" +
      "<h2>Ny henvendelse</h2><table><tr><th>Navn</th><td>Kari Nordmann</td></tr>" +
      "<tr><td>Telefon</td><td>412&nbsp;34&nbsp;567</td></tr></table><p>Melding:<br>Er bilen ledig?</p>" +
      "<script>alert(1)</script></body></html>";
    expect(convertHtmlToText(html)).toBe(
      "Ny henvendelse\n\nNavn\tKari Nordmann\n\nTelefon\t412 34 567\n\nMelding:\nEr bilen ledig?",
    );
  });

  it("decodes entities, drops link targets and images, and never wraps a long line", () => {
    const long = "Jeg vil gjerne prøvekjøre ".repeat(10).trim();
    expect(
      convertHtmlToText(
        `<p>Bl&aring; &AElig;re &amp; &#248;l &laquo;ja&raquo;</p><p><a href="https://x.example">Se annonsen</a><img src="x.png" alt="bil"></p><p>${long}</p>`,
      ),
    ).toBe(`Blå Ære & øl «ja»\n\nSe annonsen\n\n${long}`);
  });

  it("reads what mail clients put after </html> (Exchange delivery reports)", () => {
    expect(convertHtmlToText("<html><body><p>Kunne ikke leveres</p></body></html><p>Status: 5.2.2</p>")).toBe(
      "Kunne ikke leveres\n\nStatus: 5.2.2",
    );
  });
});
