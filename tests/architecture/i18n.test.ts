import { readFileSync } from "node:fs";
import { globSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serverMessageKey } from "../../i18n/server-messages.ts";
import en from "../../messages/en.json";
import nb from "../../messages/nb.json";

/*
 * Language checks that fail when a string would reach a person untranslated: nb and en have the same keys (and
 * the same ICU arguments); every key the code asks for with a literal exists; every lead event type the code or
 * the demo seed writes has words in the history; every message the server writes (AppError, zod) has an entry in
 * serverMessages so the other language can show it; page titles go through next-intl.
 */

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
};
const NB = flatten(nb as Tree);
const EN = flatten(en as Tree);
const hasPrefix = (prefix: string) => [...NB.keys()].some((k) => k.startsWith(`${prefix}.`));

const SOURCES = globSync(
  ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "i18n/**/*.ts"],
  {
    exclude: (f) => f.includes(".test."),
  },
);
const read = (file: string) => readFileSync(file, "utf8");

/** ICU argument names of a message ("{count, plural, …}" → count), sorted. */
const argumentsOf = (message: string) =>
  [...new Set([...message.matchAll(/\{\s*(\w+)\s*(?:,|\})/g)].map((m) => m[1]!))].sort();

describe("messages", () => {
  it("nb and en have the same keys", () => {
    expect([...EN.keys()].filter((k) => !NB.has(k))).toEqual([]);
    expect([...NB.keys()].filter((k) => !EN.has(k))).toEqual([]);
  });

  it("nb and en use the same ICU arguments", () => {
    const differ = [...NB].filter(
      ([k, v]) => EN.has(k) && argumentsOf(v).join() !== argumentsOf(EN.get(k)!).join(),
    );
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it("no message is empty", () => {
    expect([...NB, ...EN].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });
});

describe("keys used in code", () => {
  it("every literal key exists in the messages", () => {
    const missing: string[] = [];
    for (const file of SOURCES) {
      const text = read(file);
      // const t = useTranslations("ns") / await getTranslations("ns") / getTranslations() …
      const translators = new Map<string, string>();
      for (const m of text.matchAll(
        /const\s+(\w+)\s*=\s*(?:await\s+)?(?:useTranslations|getTranslations)\(\s*(?:"([\w.]*)")?\s*\)/g,
      ))
        translators.set(m[1]!, m[2] ?? "");
      for (const m of text.matchAll(/createTranslator\(\{[^}]*namespace:\s*"([\w.]+)"/g))
        translators.set("t", m[1]!);
      for (const [name, ns] of translators) {
        const call = new RegExp(
          `\\b${name}(?:\\.rich|\\.markup)?\\(\\s*("([\\w.]+)"|\`([\\w.]*)\\$\\{)`,
          "g",
        );
        for (const m of text.matchAll(call)) {
          const literal = m[2];
          const prefix = m[3];
          if (literal !== undefined) {
            const key = ns ? `${ns}.${literal}` : literal;
            if (!NB.has(key)) missing.push(`${file}: ${key}`);
          } else if (prefix) {
            const key = (ns ? `${ns}.${prefix}` : prefix).replace(/\.$/, "");
            if (!hasPrefix(key)) missing.push(`${file}: ${key}.*`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("page titles go through next-intl (pageMetadata), not hard-coded text", () => {
    const hardCoded = SOURCES.filter(
      (f) => f.startsWith("app/") && /metadata\s*=\s*\{\s*title:\s*"/.test(read(f)),
    );
    expect(hardCoded).toEqual([]);
    for (const file of SOURCES)
      for (const m of read(file).matchAll(/pageMetadata\("(\w+)"\)/g))
        expect(NB.has(`pageTitles.${m[1]}`), `${file}: pageTitles.${m[1]}`).toBe(true);
  });
});

describe("event names", () => {
  it("every lead event type written by the code or the demo seed has words in the history", () => {
    const files = [...SOURCES.filter((f) => f.startsWith("lib/")), "scripts/lib/seed-demo.ts"];
    const types = new Set<string>();
    for (const file of files) {
      const text = read(file);
      if (!/leadEvents|lead_events|leadEvent\(|event\(/.test(text)) continue;
      for (const m of text.matchAll(/(?:type:\s*|event\(\s*)"([a-z]+\.[a-z_]+)"/g)) types.add(m[1]!);
      // Delivery webhooks write email.<status>.
      for (const m of text.matchAll(/type:\s*`email\.\$\{/g))
        if (m) for (const s of DELIVERY_EVENTS) types.add(s);
    }
    // Not lead events: realtime notifications, job names, audit actions.
    const notLeadEvents =
      /^(message\.|rep\.|user\.|suppression\.|customer\.send|lead\.respond|lead\.updated)/;
    const withoutWords = [...types]
      .filter((type) => !notLeadEvents.test(type))
      .filter((type) => !NB.has(`timeline.events.${type.replaceAll(".", "_")}`));
    expect(withoutWords).toEqual([]);
    expect(types.has("ai.reply_sent") && types.has("customer.replied")).toBe(true);
  });
});

const DELIVERY_EVENTS = [
  "email.sent",
  "email.delivered",
  "email.delivery_delayed",
  "email.bounced",
  "email.suppressed",
  "email.complained",
  "email.failed",
];

describe("server messages", () => {
  it("every message the server writes for a person has a serverMessages entry in both languages", () => {
    const patterns = [
      /new AppError\(\s*"[a-z_]+",\s*"([^"]+)"/g,
      /\.(?:min|max|length|regex|refine|email|url|uuid|int)\([^()]*?,\s*"([^"]+)"\s*\)/g,
      /(?:message|error):\s*"([^"]+)"/g,
      /z\.(?:uuid|email|url)\(\s*"([^"]+)"/g,
    ];
    const unknown = new Set<string>();
    for (const file of SOURCES) {
      if (!/^(lib|app)\//.test(file) || /lib\/(responder|ai|email)\//.test(file)) continue;
      const text = read(file);
      for (const pattern of patterns)
        for (const m of text.matchAll(pattern)) {
          const message = m[1]!;
          // Norwegian text, or a sentence (the edge's English errors): not codes like "internal_error".
          if (!/\s/.test(message) && !/[æøå]/i.test(message)) continue;
          if (!serverMessageKey(message)) unknown.add(`${file}: ${message}`);
        }
    }
    expect([...unknown]).toEqual([]);
  });
});
