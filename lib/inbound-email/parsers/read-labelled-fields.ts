/** The fields lead notifications use, whatever the portal calls them. */
export type LeadField =
  "name" | "firstName" | "lastName" | "email" | "phone" | "vehicle" | "message" | "type" | "reference";

const LABELS: Record<string, LeadField> = {
  navn: "name",
  "fullt navn": "name",
  kundenavn: "name",
  kunde: "name",
  name: "name",
  "full name": "name",
  fornavn: "firstName",
  "first name": "firstName",
  etternavn: "lastName",
  "last name": "lastName",
  "e-post": "email",
  epost: "email",
  "e-postadresse": "email",
  epostadresse: "email",
  "e-mail": "email",
  email: "email",
  mail: "email",
  telefon: "phone",
  telefonnummer: "phone",
  tlf: "phone",
  "tlf.": "phone",
  "tlf.nr": "phone",
  mobil: "phone",
  mobilnummer: "phone",
  mobiltelefon: "phone",
  phone: "phone",
  mobile: "phone",
  modell: "vehicle",
  bil: "vehicle",
  bilmodell: "vehicle",
  "ønsket modell": "vehicle",
  "interessert i": "vehicle",
  kjøretøy: "vehicle",
  model: "vehicle",
  vehicle: "vehicle",
  melding: "message",
  kommentar: "message",
  kommentarer: "message",
  beskjed: "message",
  spørsmål: "message",
  fritekst: "message",
  message: "message",
  comments: "message",
  "type henvendelse": "type",
  henvendelsestype: "type",
  "type forespørsel": "type",
  forespørsel: "type",
  "request type": "type",
  referanse: "reference",
  referansenummer: "reference",
  saksnummer: "reference",
  "lead-id": "reference",
  "lead id": "reference",
  leadid: "reference",
  "ref.": "reference",
  ref: "reference",
};

const LABEL_LINE = /^\s*([\p{L}][\p{L}\d .\-/]{0,30}?)\s*\*?\s*(?::|\t)\s*(.*)$/u;

/**
 * "Label: value" pairs from a notification body (text, or HTML converted with cells tab-separated). A value may
 * sit on the line after its label, and a message may run over several lines until a blank line or the next label.
 */
export function readLabelledFields(text: string): {
  fields: Partial<Record<LeadField, string>>;
  unlabelled: string;
} {
  const lines = text.split(/\r?\n/);
  const fields: Partial<Record<LeadField, string>> = {};
  const unlabelled: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const field = fieldOf(lines[i] ?? "");
    if (!field) {
      unlabelled.push(lines[i] ?? "");
      continue;
    }
    let value = field.value;
    if (!value) {
      let next = i + 1;
      while (next < lines.length && !lines[next]?.trim()) next++;
      const nextLine = lines[next]?.trim() ?? "";
      if (!nextLine || fieldOf(nextLine)) continue;
      value = nextLine;
      i = next;
    }
    if (field.name === "message") {
      while (i + 1 < lines.length && lines[i + 1]?.trim() && !fieldOf(lines[i + 1] ?? ""))
        value += `\n${lines[++i]?.trim()}`;
    }
    fields[field.name] ??= value.trim();
  }
  return {
    fields,
    unlabelled: unlabelled
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  };
}

function fieldOf(line: string): { name: LeadField; value: string } | null {
  const match = LABEL_LINE.exec(line);
  if (!match) return null;
  const name = LABELS[(match[1] ?? "").trim().toLowerCase()];
  return name ? { name, value: (match[2] ?? "").trim() } : null;
}
