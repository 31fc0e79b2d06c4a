import type { ExtractedEmailLead, InboundMessage } from "../inbound-message.ts";
import { convertHtmlToText } from "./convert-html-to-text.ts";
import { detectUrgency } from "./detect-urgency.ts";
import { normaliseLeadPhone } from "./normalise-lead-phone.ts";
import { readLabelledFields, type LeadField } from "./read-labelled-fields.ts";

/**
 * A lead notification from an importer portal (toyota.no, volkswagen.no, skoda.no, hyundai.no …) or any other
 * form mailer that sends "Label: value" blocks, in text or an HTML table. Null unless the body has a customer
 * e-mail or phone plus at least one other lead field, so a customer's signature ("Tlf: …") alone is not a lead.
 */
export function parsePortalEmail(msg: InboundMessage): ExtractedEmailLead | null {
  const senderDomain = domainOf(msg.from?.address);
  if (senderDomain === "finn.no" || senderDomain.endsWith(".finn.no")) return null;

  const bodies = [msg.text];
  if (msg.html) bodies.push(convertHtmlToText(msg.html));
  for (const body of bodies) {
    const lead = readPortalBody(msg, body, senderDomain);
    if (lead) return lead;
  }
  return null;
}

const NO_REPLY =
  /^(no-?reply|noreply|do-?not-?reply|donotreply|ikke-?svar|ikkesvar|mailer|notification|varsel)[\w.+-]*@/i;

function readPortalBody(msg: InboundMessage, body: string, senderDomain: string): ExtractedEmailLead | null {
  const { fields, unlabelled } = readLabelledFields(body);
  const senderAddresses = [msg.from?.address, ...msg.replyTo.map((r) => r.address)].map((a) =>
    a?.toLowerCase(),
  );
  const email = extractEmail(fields.email);
  const customerEmail = email && !NO_REPLY.test(email) && !senderAddresses.includes(email) ? email : null;
  const phone = normaliseLeadPhone(fields.phone?.replace(/[^\d+ ()-]/g, " "));
  if (!customerEmail && !phone) return null;
  const other: LeadField[] = ["name", "firstName", "lastName", "vehicle", "message", "type", "reference"];
  if (!other.some((f) => fields[f])) return null;

  const name = fields.name ?? ([fields.firstName, fields.lastName].filter(Boolean).join(" ") || null);
  const source = portalSource(senderDomain, body);
  const reference = fields.reference?.split(/\s/)[0];
  return {
    name: name?.slice(0, 200) ?? null,
    email: customerEmail,
    phone,
    vehicleInterest: fields.vehicle?.slice(0, 300) ?? null,
    message: (fields.message ?? freeText(msg, unlabelled))?.slice(0, 10_000) ?? null,
    urgency: urgencyOf(fields.type, fields.message),
    source,
    sourceUrl: findLeadLink(body, senderDomain, reference),
    externalId: reference ? `${source === "other" ? senderDomain || "portal" : source}:${reference}` : null,
    replyByEmail: customerEmail !== null,
  };
}

// A person (or a form mailer sending as the customer) who writes "Navn: … Tlf: …" and then their question in
// free text: keep the question. A portal's own unlabelled text is boilerplate, so not for no-reply senders.
function freeText(msg: InboundMessage, unlabelled: string): string | null {
  if (NO_REPLY.test(msg.from?.address ?? "") || !unlabelled) return null;
  return unlabelled;
}

function extractEmail(value: string | undefined): string | null {
  return /[^\s<>"'@[\]]+@[^\s<>"'@[\]]+\.[a-z]{2,}/i.exec(value ?? "")?.[0]?.toLowerCase() ?? null;
}

function domainOf(address: string | null | undefined): string {
  const lower = address?.toLowerCase() ?? "";
  return lower.slice(lower.lastIndexOf("@") + 1);
}

function portalSource(senderDomain: string, body: string): ExtractedEmailLead["source"] {
  const isDomain = (d: string) => senderDomain === d || senderDomain.endsWith(`.${d}`);
  if (isDomain("toyota.no")) return "toyota.no";
  if (isDomain("volkswagen.no")) return "volkswagen.no";
  // Forwarded or relayed notifications still say where they came from ("via toyota.no").
  const named = /\b(?:via|fra|from|på)\s+(?:www\.)?(toyota\.no|volkswagen\.no)\b/i
    .exec(body)?.[1]
    ?.toLowerCase();
  return named === "toyota.no" || named === "volkswagen.no" ? named : "other";
}

function urgencyOf(type: string | undefined, message: string | undefined): ExtractedEmailLead["urgency"] {
  if (type && /pr[øo]vekj[øo]r|test[- ]?drive|pr[øo]vetur/i.test(type)) return "high";
  const fromMessage = detectUrgency(message);
  if (fromMessage === "high") return "high";
  if (type && /tilbud|pris|finansier|leasing|innbytte|bestill|kjøp|offer|quote/i.test(type)) return "medium";
  return fromMessage;
}

function findLeadLink(body: string, senderDomain: string, reference: string | undefined): string | null {
  if (!senderDomain) return null;
  for (const [url] of body.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) {
    const host = /^https?:\/\/([^/:]+)/i.exec(url)?.[1]?.toLowerCase() ?? "";
    const sameSite = host === senderDomain || host.endsWith(`.${senderDomain}`);
    if (sameSite && ((reference && url.includes(reference)) || /lead|henvendelse/i.test(url))) return url;
  }
  return null;
}
