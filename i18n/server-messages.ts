import en from "../messages/en.json";
import nb from "../messages/nb.json";

/*
 * Messages the server writes in one language (AppError texts, zod field errors: mostly Norwegian; the edge's and
 * webhooks' request errors: English, for integrators) shown to a person in theirs. Each known text — in either
 * language — maps to a key of `serverMessages` in messages/*.json; a few carry a variable part ("Body larger
 * than 65536 bytes"). Unknown text is shown as it is.
 */

type Locale = "nb" | "en";
const CATALOGUES: Record<Locale, Record<string, string>> = { nb: nb.serverMessages, en: en.serverMessages };

const exact = new Map<string, string>();
const patterns: { regex: RegExp; key: string; names: string[] }[] = [];
for (const catalogue of Object.values(CATALOGUES)) {
  for (const [key, text] of Object.entries(catalogue)) {
    const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (names.length === 0) {
      if (!exact.has(text)) exact.set(text, key);
      continue;
    }
    const source = text
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("(.+?)");
    patterns.push({ regex: new RegExp(`^${source}$`, "s"), key, names });
  }
}

/** The `serverMessages` key of a server text (and its variable parts), or null when it is not a known text. */
export function serverMessageKey(text: string): { key: string; values: Record<string, string> } | null {
  const key = exact.get(text);
  if (key) return { key, values: {} };
  for (const pattern of patterns) {
    const match = pattern.regex.exec(text);
    if (match)
      return {
        key: pattern.key,
        values: Object.fromEntries(pattern.names.map((name, i) => [name, match[i + 1]!])),
      };
  }
  return null;
}

/** `text` in `locale` when it is a known server text; otherwise unchanged. */
export function translateServerMessage(text: string, locale: string): string {
  const found = serverMessageKey(text);
  const catalogue = CATALOGUES[locale === "en" ? "en" : "nb"];
  const template = found ? catalogue[found.key] : undefined;
  if (!found || !template) return text;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => found.values[name] ?? "");
}
