const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  aring: "å",
  Aring: "Å",
  aelig: "æ",
  AElig: "Æ",
  oslash: "ø",
  Oslash: "Ø",
  laquo: "«",
  raquo: "»",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  copy: "©",
  eacute: "é",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X"
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

/**
 * Plain text from an e-mail's HTML part, keeping table rows on one line ("Label: value") so the label/value
 * parsers read HTML tables the same way as text bodies. A small converter of our own rather than html-to-text:
 * that package has no type declarations and wraps long lines, which splits values across lines.
 */
export function convertHtmlToText(html: string): string {
  return decodeHtmlEntities(
    html
      .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/\r?\n/g, " ")
      .replace(/<\/(t[dh])\s*>\s*(?=<t[dh]\b)/gi, "\t")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/?(p|div|tr|table|h[1-6]|li|ul|ol|blockquote|pre|hr)\b[^>]*>/gi, "\n")
      .replace(/<[^>]+>/g, ""),
  )
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
