/*
 * Reply template variables. Pure and client-safe: the reply form fills a template the moment a rep picks it, from
 * values the server read for this lead. Norwegian names are what managers type; English aliases work too.
 */

export type TemplateVariables = {
  firstName: string | null;
  car: string | null;
  rep: string | null;
  openingHoursToday: string | null;
};

export const TEMPLATE_VARIABLES = [
  { token: "{fornavn}", key: "firstName", aliases: ["{first_name}"] },
  { token: "{bil}", key: "car", aliases: ["{car}"] },
  { token: "{selger}", key: "rep", aliases: ["{rep}"] },
  { token: "{åpningstider}", key: "openingHoursToday", aliases: ["{opening_hours}", "{apningstider}"] },
] as const satisfies readonly { token: string; key: keyof TemplateVariables; aliases: readonly string[] }[];

/**
 * The template with each variable replaced. A variable without a value (no name, no car) becomes an empty
 * string, and the blanks it leaves ("Hei ,") are tidied so the text still reads.
 */
export function fillTemplate(body: string, values: TemplateVariables): string {
  let text = body;
  for (const variable of TEMPLATE_VARIABLES) {
    const value = values[variable.key]?.trim() ?? "";
    for (const token of [variable.token, ...variable.aliases])
      text = text.replace(new RegExp(escapeRegExp(token), "gi"), value);
  }
  return text
    .replace(/[ \t]+([,.!?])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/^[ \t]+|[ \t]+$/gm, "");
}

/** The first word of a customer's name ("Kari Nordmann" → "Kari"); null without a usable name. */
export function firstNameOf(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && !first.includes("@") ? first : null;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
