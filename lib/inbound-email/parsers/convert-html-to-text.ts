import { convert, type FormatCallback, type HtmlToTextOptions } from "html-to-text";

/*
 * Plain text from an e-mail's HTML part with html-to-text (a kept library; mailparser uses it too), keeping each
 * table row on one line with its cells separated by a tab ("Navn\tKari"), so the label/value parsers
 * (read-labelled-fields.ts) read HTML tables the same way as text bodies. No word wrapping: a wrapped line would
 * split a value across lines.
 */

/** A table row on one line: its cells' text with a tab between them. */
const tableRowOnOneLine: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  let first = true;
  for (const child of elem.children ?? []) {
    if (child.type !== "tag" || (child.name !== "td" && child.name !== "th")) continue;
    if (!first) builder.addLiteral("\t");
    first = false;
    walk(child.children, builder);
  }
  builder.closeBlock({ trailingLineBreaks: 2 });
};

/** Blocks (paragraphs, rows, headings …) stand apart with a blank line: "Melding:" and similar values end there. */
const BLOCK = { leadingLineBreaks: 2, trailingLineBreaks: 2 };

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  // The whole document: mail clients (Exchange NDRs) append parts after </html>.
  baseElements: { selectors: [], returnDomByDefault: true },
  formatters: { tableRowOnOneLine },
  selectors: [
    { selector: "head", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "title", format: "skip" },
    { selector: "img", format: "skip" },
    { selector: "a", options: { ignoreHref: true } },
    ...(["table", "div", "blockquote"] as const).map((selector) => ({
      selector,
      format: "block",
      options: BLOCK,
    })),
    { selector: "tr", format: "tableRowOnOneLine" },
    { selector: "ul", options: { itemPrefix: "" } },
    ...(["h1", "h2", "h3", "h4", "h5", "h6"] as const).map((h) => ({
      selector: h,
      options: { uppercase: false, ...BLOCK },
    })),
    { selector: "hr", format: "blockString", options: { string: "" } },
  ],
};

export function convertHtmlToText(html: string): string {
  return convert(html, OPTIONS)
    .split("\n")
    .map((line) =>
      line
        .replace(/[ \u00a0]+/g, " ")
        .replace(/ ?\t ?/g, "\t")
        .trim(),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
