import { XMLParser } from "fast-xml-parser";
import type { ExtractedEmailLead, InboundAttachment, InboundMessage } from "../inbound-message.ts";
import { convertHtmlToText } from "./convert-html-to-text.ts";
import { detectUrgency } from "./detect-urgency.ts";
import { normaliseLeadPhone } from "./normalise-lead-phone.ts";
import { sourceFromText } from "./source-from-text.ts";

/**
 * The lead in an ADF/XML 1.0 document, wherever the sender put it: the whole body, inside a text or HTML body
 * (escaped or not), or an .xml/.adf attachment. Real ADF is often non-conformant (tag case, comments before the
 * declaration, bad dates, missing vendorname), so this reads it leniently and only asks for a way to reach the
 * customer. Null when there is no ADF or it names no customer (e.g. a status="resend" stub).
 */
export function parseAdfLead(msg: InboundMessage): ExtractedEmailLead | null {
  for (const xml of findAdfDocuments(msg)) {
    const lead = readAdfDocument(xml);
    if (lead) return lead;
  }
  return null;
}

const ADF_START = /<adf[\s>]/i;
const ADF_END = /<\/adf\s*>/gi;

function findAdfDocuments(msg: InboundMessage): string[] {
  const sources: string[] = [];
  for (const attachment of msg.attachments)
    if (isXmlAttachment(attachment)) sources.push(decodeXml(attachment.content));
  sources.push(msg.text);
  if (msg.html) sources.push(msg.html, convertHtmlToText(msg.html));
  return sources.flatMap((source) => {
    const start = source.search(ADF_START);
    if (start < 0) return [];
    const ends = [...source.matchAll(ADF_END)];
    const end = ends.at(-1);
    if (!end || end.index < start) return [];
    return [source.slice(start, end.index + end[0].length)];
  });
}

function isXmlAttachment(a: InboundAttachment): boolean {
  return /(^|\/)(xml|x-adf\+xml|adf\+xml)\b/i.test(a.contentType) || /\.(xml|adf)$/i.test(a.filename ?? "");
}

function decodeXml(content: Buffer): string {
  const head = content.toString("latin1", 0, 200);
  const encoding = /encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (encoding && /^(iso-8859-1|latin-?1|windows-1252|cp1252)$/.test(encoding))
    return new TextDecoder("windows-1252").decode(content);
  const utf8 = content.toString("utf8");
  // Files that claim nothing (or UTF-8) but are really Latin-1 are common from older dealer systems.
  return utf8.includes("\uFFFD") ? new TextDecoder("windows-1252").decode(content) : utf8;
}

type XmlNode = string | { [key: string]: XmlNode | XmlNode[] | undefined };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  transformTagName: (name) => name.toLowerCase(),
  transformAttributeName: (name) => name.toLowerCase(),
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  isArray: (name) => ["prospect", "vehicle", "name", "email", "phone", "id"].includes(name),
});

function readAdfDocument(xml: string): ExtractedEmailLead | null {
  let doc: Record<string, XmlNode>;
  try {
    doc = parser.parse(xml) as Record<string, XmlNode>;
  } catch {
    return null;
  }
  for (const prospect of children(child(doc, "adf"), "prospect")) {
    const lead = readProspect(prospect);
    if (lead) return lead;
  }
  return null;
}

function readProspect(prospect: XmlNode): ExtractedEmailLead | null {
  const customer = child(prospect, "customer");
  const contact = child(customer, "contact");
  const name = readName(children(contact, "name"));
  const email =
    children(contact, "email")
      .map(text)
      .find((e) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) ?? null;
  const phone = pickPhone(children(contact, "phone"));
  if (!name && !email && !phone) return null;

  const vehicles = children(prospect, "vehicle");
  const wanted = vehicles.find((v) => !/trade-in|sell/i.test(attr(v, "interest"))) ?? null;
  const vehicleInterest = wanted
    ? ["year", "make", "model", "trim"]
        .map((k) => text(child(wanted, k)))
        .filter(Boolean)
        .join(" ") || null
    : null;

  const comments = text(child(customer, "comments")) || null;
  const timeframe = text(child(child(customer, "timeframe"), "description"));
  const provider = child(prospect, "provider");
  const providerUrl = text(child(provider, "url"));
  const id = children(prospect, "id").find((i) => text(i));
  const idSource = id ? attr(id, "source") : "";

  const urgent =
    vehicles.some((v) => attr(v, "interest").toLowerCase() === "test-drive") ||
    detectUrgency(comments, timeframe) === "high" ||
    /\b(within (1|one|a) (day|week)|innen (1|en|én) (dag|uke)|straks|immediately)\b/i.test(timeframe);

  return {
    name,
    email,
    phone,
    vehicleInterest: vehicleInterest?.slice(0, 300) ?? null,
    message: comments?.slice(0, 10_000) ?? null,
    urgency: urgent ? "high" : "medium",
    source: sourceOf(provider, idSource),
    sourceUrl: /^https?:\/\/[^/]+\/\S+/i.test(providerUrl) ? providerUrl : null,
    externalId: id ? (idSource ? `${idSource}:${text(id)}` : text(id)).slice(0, 500) : null,
    replyByEmail: true,
  };
}

// The provider says who sent the lead; the id's source is only a hint (some CRMs put their own name there).
function sourceOf(provider: XmlNode | undefined, idSource: string): ExtractedEmailLead["source"] {
  const named = sourceFromText(["name", "url", "service"].map((k) => text(child(provider, k))).join(" "));
  return named === "other" ? sourceFromText(idSource) : named;
}

function readName(names: XmlNode[]): string | null {
  const parts = new Map<string, string>();
  for (const n of names) {
    const value = text(n);
    if (value) parts.set(attr(n, "part").toLowerCase() || "full", value);
  }
  const full = parts.get("full");
  if (full) return full;
  const joined = ["first", "middle", "last", "surname"]
    .map((p) => parts.get(p))
    .filter(Boolean)
    .join(" ");
  return joined || null;
}

function pickPhone(phones: XmlNode[]): string | null {
  const usable = phones.filter((p) => text(p) && !/fax|pager/i.test(attr(p, "type")));
  const mobile = usable.find((p) => /cell|mobile/i.test(attr(p, "type")));
  return normaliseLeadPhone(text(mobile ?? usable[0] ?? ""));
}

function child(node: XmlNode | undefined, key: string): XmlNode | undefined {
  if (!node || typeof node === "string") return undefined;
  const value = node[key];
  return Array.isArray(value) ? value[0] : value;
}

function children(node: XmlNode | undefined, key: string): XmlNode[] {
  if (!node || typeof node === "string") return [];
  const value = node[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function text(node: XmlNode | undefined): string {
  if (node === undefined) return "";
  const raw = typeof node === "string" ? node : node["#text"];
  return typeof raw === "string" ? raw.replace(/\s+/g, " ").trim() : "";
}

function attr(node: XmlNode | undefined, name: string): string {
  if (!node || typeof node === "string") return "";
  const value = node[`@_${name}`];
  return typeof value === "string" ? value.trim() : "";
}
