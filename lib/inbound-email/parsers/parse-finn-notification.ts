import type { ExtractedEmailLead, InboundMessage } from "../inbound-message.ts";
import { convertHtmlToText } from "./convert-html-to-text.ts";
import { detectUrgency } from "./detect-urgency.ts";
import { normaliseLeadPhone } from "./normalise-lead-phone.ts";
import { readLabelledFields } from "./read-labelled-fields.ts";

/**
 * A FINN.no notification that a buyer wrote about one of the dealer's ads. The dealer answers inside FINN, so the
 * lead never gets an automatic e-mail (FINN's sender is a no-reply and the buyer's address is usually hidden);
 * contact details are taken only when FINN shows the buyer's own. Null for other FINN mail (ad published,
 * statistics) and for anything not from FINN.
 */
export function parseFinnNotification(msg: InboundMessage): ExtractedEmailLead | null {
  const text = msg.text.trim() || (msg.html ? convertHtmlToText(msg.html) : "");
  const everything = `${msg.subject}\n${text}\n${msg.html ?? ""}`;
  const fromFinn = /(^|[@.])finn\.no$/i.test(msg.from?.address ?? "");
  const finnCode = findFinnCode(everything);
  if (!fromFinn && !(finnCode && /https?:\/\/(www\.)?finn\.no\//i.test(everything))) return null;
  if (!NEW_MESSAGE.test(`${msg.subject}\n${text}`)) return null;

  const title = findAdTitle(msg.subject, text);
  const message = findBuyerMessage(text, title);
  const { fields } = readLabelledFields(text);
  const email = /[^\s<>"'@]+@[^\s<>"'@]+\.[a-z]{2,}/i.exec(fields.email ?? "")?.[0]?.toLowerCase() ?? null;

  return {
    name: findBuyerName(text) ?? fields.name ?? null,
    email: email && !/(^|[@.])finn\.no$/.test(email) ? email : null,
    phone: normaliseLeadPhone(fields.phone),
    vehicleInterest: title?.slice(0, 300) ?? null,
    message: message?.slice(0, 10_000) ?? null,
    urgency: detectUrgency(message),
    source: "finn.no",
    sourceUrl: findFinnLink(everything),
    externalId: finnCode ? `finn:${finnCode}` : null,
    replyByEmail: false,
  };
}

const NEW_MESSAGE =
  /(ny melding|nye meldinger|sendt deg en melding|har fått en melding|melding om annonsen|meldt interesse|new message|sent you a message)/i;

function findFinnCode(text: string): string | null {
  return (
    /finn-?kode:?\s*(\d{6,12})\b/i.exec(text)?.[1] ??
    /[?&]finnkode=(\d{6,12})\b/i.exec(text)?.[1] ??
    /finn\.no\/(?:[\w-]+\/)*item\/(\d{6,12})\b/i.exec(text)?.[1] ??
    null
  );
}

function findFinnLink(text: string): string | null {
  const links = [...text.matchAll(/https?:\/\/(?:www\.)?finn\.no\/[^\s<>"')\]]+/gi)].map((m) =>
    m[0].replace(/&amp;/g, "&"),
  );
  return (
    links.find((l) => /\/messages?\/|\/meldinger\/|conversation/i.test(l)) ??
    links.find((l) => /finnkode=|\/item\/|\/ad\.html/i.test(l)) ??
    null
  );
}

const NAME = String.raw`(\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){0,3})`;

function findBuyerName(text: string): string | null {
  const patterns = [
    new RegExp(String.raw`melding fra ${NAME}\s+(?:om|på|angående)\b`, "u"),
    new RegExp(String.raw`(?:^|\n)\s*${NAME}\s+har sendt deg en melding`, "u"),
    new RegExp(String.raw`message from ${NAME}\s+(?:about|regarding)\b`, "u"),
  ];
  for (const pattern of patterns) {
    const name = pattern.exec(text)?.[1]?.trim();
    if (name && !/^(FINN|En|Ny|Du)\b/.test(name)) return name;
  }
  return null;
}

function findAdTitle(subject: string, text: string): string | null {
  const quoted =
    /annonsen(?: din)?:?\s*«([^»]{3,200})»/i.exec(text)?.[1] ?? /«([^»]{3,200})»/.exec(subject)?.[1];
  if (quoted) return quoted.trim();
  const nextLine = /annonsen(?: din)?:[ \t]*\n[ \t]*([^\n]{3,200})/i.exec(text)?.[1];
  if (nextLine) return nextLine.trim();
  const sameLine = /om annonsen:[ \t]*([^\n]{3,200})/i.exec(text)?.[1];
  if (sameLine) return sameLine.trim();
  return /\bom (?!annonsen)(.{3,200})$/i.exec(subject)?.[1]?.trim() ?? null;
}

const BOILERPLATE =
  /(finn-?kode|https?:\/\/|svar (på|kjøperen)|les og svar|hilsen|du (mottar|får) denne|personvern|kontaktinformasjon|varsling|har sendt deg en melding|du har fått|en kjøper har|annonsen|^hei\b[^.?!]*,$)/i;

function findBuyerMessage(text: string, title: string | null): string | null {
  const labelled = /(?:^|\n)\s*melding:[ \t]*\n?([\s\S]+?)(?:\n\s*\n|$)/i.exec(text)?.[1]?.trim();
  if (labelled) return labelled;
  for (const [, quote] of text.matchAll(/«([^»]{2,5000})»/g)) {
    if (quote && quote.trim() !== title && /\s/.test(quote.trim())) return quote.replace(/\s+/g, " ").trim();
  }
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim());
  const found = paragraphs.find(
    (p) => p && p !== title && !p.includes(title ?? "\u0000") && !BOILERPLATE.test(p),
  );
  return found ?? null;
}
