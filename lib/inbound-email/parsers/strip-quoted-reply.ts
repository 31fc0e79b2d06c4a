/**
 * The customer's own words from a reply: everything from the first quote header, quoted line block, forwarded
 * original or signature marker on is dropped. Mail clients write these in the user's language, so the Norwegian
 * forms (Gmail "ons. 12. nov. 2026 kl. 10:15 skrev …:", Outlook "Fra: … Sendt: …", "Sendt fra min iPhone") are
 * covered as well as the English ones. A greeting such as "Mvh Kari" stays: it is part of the reply.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = findCutLine(lines);
  const kept = lines.slice(0, cut);
  while (kept.length && !kept.at(-1)?.trim()) kept.pop();
  const reply = kept.join("\n").trim();
  // A top-quote with nothing above it (or an answer written inline) would leave nothing; keep the text rather than lose it.
  return reply || text.replace(/\r\n?/g, "\n").trim();
}

const SEPARATOR_LINES = [
  /^-{2,}\s*(original message|opprinnelig melding|videresendt melding|forwarded message|ursprüngliche nachricht|ursprungligt meddelande)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^-- $/,
  /^--$/,
  /^(sendt|sent|hentet) (fra|from) (min|my|outlook|mail|samsung|gmail|yahoo)\b.*$/i,
  /^(get|hent) outlook for (ios|android)\s*$/i,
];

// "On Mon, 12 Nov 2026 at 10:15, Kari <k@x.no> wrote:", "Den 29. nov. 2026 kl. 18:40 skrev X <y>:",
// "ons. 12. nov. 2026 kl. 10:15 skrev X <y>:", "12. nov. 2026 kl. 10:15 skrev X:" – possibly wrapped over two lines.
const ATTRIBUTION_START =
  /^(>\s*)?(on\b|den\b|\d{1,2}[./]|\p{L}{2,4}\.?\s+\d{1,2}\.|(man|tir|ons|tor|fre|lør|søn)\w*\.?\s)/iu;
const ATTRIBUTION_END = /\b(wrote|skrev|schrieb|a écrit)\b[^\n]*:\s*$/i;

const HEADER_BLOCK_START = /^\s*\*?(fra|from|von|från)\s*:\*?\s+\S/i;
const HEADER_BLOCK_NEXT = /^\s*\*?(sendt|sent|date|dato|til|to|emne|subject|cc|gesendet|skickat)\s*:/i;

function findCutLine(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (SEPARATOR_LINES.some((p) => p.test(line) || p.test(trimmed))) return i;
    if (isAttribution(lines, i)) return i;
    if (HEADER_BLOCK_START.test(line) && HEADER_BLOCK_NEXT.test(lines[i + 1] ?? "")) return i;
    if (/^\s*>/.test(line) && quotedBlockRunsToEnd(lines, i)) return i;
  }
  return lines.length;
}

function isAttribution(lines: string[], i: number): boolean {
  const line = lines[i]?.trim() ?? "";
  if (!line || line.length > 300) return false;
  if (ATTRIBUTION_START.test(line) && ATTRIBUTION_END.test(line)) return true;
  const joined = `${line} ${lines[i + 1]?.trim() ?? ""}`;
  return ATTRIBUTION_START.test(line) && /\b(skrev|wrote)\b/i.test(joined) && ATTRIBUTION_END.test(joined);
}

// A ">" line is history only when no unquoted text of the customer's follows it (inline answers keep theirs).
function quotedBlockRunsToEnd(lines: string[], from: number): boolean {
  return lines
    .slice(from)
    .every((l) => !l.trim() || /^\s*>/.test(l) || SEPARATOR_LINES.some((p) => p.test(l.trim())));
}
