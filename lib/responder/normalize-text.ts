/*
 * Text folding shared by intent detection, vehicle matching and the guardrails. Customers type "provekjoring",
 * "Škoda", "ID4" and "prøvekjøring" for the same things, so every matcher compares folded text: lower case,
 * Norwegian letters spelled out in ASCII (ø→o, å→a, æ→ae), other diacritics dropped, typographic quotes and
 * dashes made plain, every kind of space a plain space. Patterns elsewhere are therefore written in ASCII.
 */

const LETTER_MAP: Record<string, string> = { ø: "o", æ: "ae", å: "a", ß: "ss", œ: "oe" };

/** Folded text for matching. Not length-preserving ("æ" → "ae"), so never use its indexes on the original. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæåßœ]/g, (ch) => LETTER_MAP[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/[\u00A0\u2007\u2009\u202F\t]/g, " ");
}

/** Folded words: runs of letters and digits. "ID.4 e-tron" → ["id", "4", "e", "tron"]. */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[a-z0-9]+/g) ?? [];
}

/** Every run of 1..maxLength consecutive tokens glued together, so "ID.4", "ID 4" and "ID4" all yield "id4". */
export function joinedNgrams(tokens: string[], maxLength = 4): Set<string> {
  const grams = new Set<string>();
  for (let start = 0; start < tokens.length; start++) {
    let joined = "";
    for (let length = 1; length <= maxLength && start + length <= tokens.length; length++) {
      joined += tokens[start + length - 1];
      grams.add(joined);
    }
  }
  return grams;
}

/**
 * Whether a word is a typo away from a keyword: it starts with something within one edit of the keyword (two for
 * keywords of twelve letters or more), so inflected and compound forms count too ("prøvekjøringen"). The first two
 * letters must match: typos rarely sit there, and it keeps "betaling" from passing for "avbetaling".
 */
export function isNearWord(word: string, keyword: string): boolean {
  const maxEdits = keyword.length >= 12 ? 2 : 1;
  if (word.length < keyword.length - maxEdits || word.slice(0, 2) !== keyword.slice(0, 2)) return false;
  for (let cut = keyword.length - maxEdits; cut <= keyword.length + maxEdits; cut++) {
    if (cut > word.length) break;
    if (editDistance(word.slice(0, cut), keyword, maxEdits) <= maxEdits) return true;
  }
  return false;
}

/** Optimal-string-alignment distance (swaps count as one edit), cut off early above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

// A full stop after these is not the end of a sentence ("kl. 08.00", "ca. 10 min", "f.eks. en prøvetur").
const ABBREVIATION_AT_END =
  /(?:^|[\s(])(kl|kr|ca|nr|tlf|ang|evt|inkl|ekskl|mr|mrs|ms|dr|osv|etc|pr|mnd|tel|vs|jf|jfr|mva|bl\.a|f\.eks|m\.m|e\.l|o\.l|st|gt|no|ref)\.$/i;

/** Sentences of plain text: split at . ! ? before a space and at line breaks; empty pieces dropped. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    for (const mark of line.matchAll(/[.!?]+(?=\s|$)/g)) {
      const end = mark.index + mark[0].length;
      if (mark[0] === "." && ABBREVIATION_AT_END.test(line.slice(0, end))) continue;
      sentences.push(line.slice(start, end).trim());
      start = end;
    }
    sentences.push(line.slice(start).trim());
  }
  return sentences.filter((sentence) => /[\p{L}\d]/u.test(sentence));
}
