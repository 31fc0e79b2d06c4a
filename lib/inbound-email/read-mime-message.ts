import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { EmailAddress, InboundMessage } from "./inbound-message.ts";
import { convertHtmlToText } from "./parsers/convert-html-to-text.ts";

/** A MIME message (.eml, raw mode, message/rfc822) as an InboundMessage. */
export async function readMimeMessage(mime: Buffer): Promise<InboundMessage> {
  const parsed = await simpleParser(mime, {
    skipImageLinks: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: 2_000_000,
  });
  const headers = headerMap(parsed);
  const html = typeof parsed.html === "string" ? parsed.html : null;
  // For HTML-only mail mailparser makes up a text body in which table cells run together ("FornavnOla"); ours
  // keeps each row on a line as "label⇥value", which the portal parsers read like a text body.
  const text = html && !hasTextPart(mime) ? convertHtmlToText(html) : (parsed.text ?? "");
  return {
    messageId: parsed.messageId ?? null,
    from: firstAddress(parsed.from),
    replyTo: addressesOf(parsed.replyTo),
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: parsed.subject ?? "",
    date: parsed.date ?? null,
    headers,
    text,
    html,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
    })),
    auth: authFromHeaders(headers),
  };
}

/** A text/plain part anywhere, or no Content-Type at all (plain text by default). */
function hasTextPart(mime: Buffer): boolean {
  const source = mime.toString("latin1");
  return /^content-type:\s*text\/plain/im.test(source) || !/^content-type:/im.test(source);
}

/** Everything before the first empty line: the header block of a MIME message. */
export function headerBlockOf(mime: Buffer): Buffer {
  const crlf = mime.indexOf("\r\n\r\n");
  const lf = mime.indexOf("\n\n");
  const end = [crlf, lf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return end === undefined ? mime : mime.subarray(0, end);
}

/** A header block through mailparser (RFC 2047 words, folded lines, address lists), without any body. */
export function parseHeaderBlock(block: Buffer): Promise<ParsedMail> {
  return simpleParser(Buffer.concat([block, Buffer.from("\r\n\r\n")]));
}

export function headerMap(parsed: ParsedMail): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    (map[key.toLowerCase()] ??= []).push(value);
  }
  return map;
}

export function addressesOf(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!value) return [];
  const out: EmailAddress[] = [];
  const visit = (entries: { address?: string; name?: string; group?: unknown[] }[]) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group as typeof entries);
      else if (entry.address) out.push({ address: entry.address.toLowerCase(), name: entry.name || null });
    }
  };
  for (const object of Array.isArray(value) ? value : [value]) visit(object.value);
  return out;
}

export const firstAddress = (value: AddressObject | AddressObject[] | undefined) =>
  addressesOf(value)[0] ?? null;

/** SPF/DKIM from Authentication-Results / Received-SPF, spam score from X-Spam-Score (set by the receiving MTA). */
export function authFromHeaders(headers: Record<string, string[]>): InboundMessage["auth"] {
  const results = (headers["authentication-results"] ?? []).join("; ").toLowerCase();
  const spf =
    /\bspf=(\w+)/.exec(results)?.[1] ?? headers["received-spf"]?.[0]?.split(/\s/)[0]?.toLowerCase() ?? null;
  const dkim = /\bdkim=(\w+)/.exec(results)?.[1] ?? null;
  const score = Number(headers["x-spam-score"]?.[0]);
  return { spf, dkim, spamScore: Number.isFinite(score) && headers["x-spam-score"] ? score : null };
}
