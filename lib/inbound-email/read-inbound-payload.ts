import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import busboy from "busboy";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import type { EmailIntake } from "../../db/schema/enums.ts";
import { AppError } from "../errors.ts";
import type { EmailAddress, InboundAttachment, InboundMessage } from "./inbound-message.ts";
import { convertHtmlToText } from "./parsers/convert-html-to-text.ts";

/** What the webhook stores and the job reads back: the body exactly as received, and how to read it. */
export type InboundPayload = { intake: EmailIntake; contentType: string; raw: Buffer };

/** The few facts the webhook needs before it answers: the dedupe key, the routing addresses, the list columns. */
export type InboundEnvelope = {
  messageId: string;
  from: EmailAddress | null;
  subject: string | null;
  date: Date | null;
  /** Every address the mail was delivered to: SMTP envelope, To, Cc, Delivered-To, X-Original-To. */
  recipients: string[];
};

type Multipart = {
  fields: Map<string, Buffer>;
  files: { field: string; filename: string; content: Buffer }[];
};

/** SendGrid posts up to 30 MB; one field (text, html, email) may be most of that. */
const MAX_PARTS = 200;

/**
 * Splits a multipart/form-data body into fields and files, byte-exact: field values are kept as bytes because
 * SendGrid leaves `text` and `html` in the mail's own charset (named in the `charsets` field), and raw mode's
 * `email` is a MIME message whose bytes must not be re-encoded.
 */
export async function splitMultipart(body: Buffer, contentType: string): Promise<Multipart> {
  const fields = new Map<string, Buffer>();
  const files: Multipart["files"] = [];
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // latin1 maps every byte to one char and back: the field's bytes survive untouched.
        defCharset: "latin1",
        limits: { fieldSize: body.length + 1, parts: MAX_PARTS },
      });
    } catch (err) {
      reject(new AppError("bad_request", `Malformed multipart body: ${(err as Error).message}`));
      return;
    }
    parser.on("field", (name, value) => fields.set(name, Buffer.from(value, "latin1")));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        files.push({ field, filename: info.filename ?? "", content: Buffer.concat(chunks) }),
      );
    });
    parser.on("partsLimit", () => reject(new AppError("bad_request", "Too many multipart parts")));
    parser.on("error", (err: Error) =>
      reject(new AppError("bad_request", `Malformed multipart body: ${err.message}`)),
    );
    parser.on("close", () => resolve());
    Readable.from([body]).pipe(parser);
  });
  return { fields, files };
}

/** Which intake a request is, from its Content-Type and (for SendGrid) whether it carries the raw `email` field. */
export function detectIntake(contentType: string, multipart?: Multipart): EmailIntake {
  if (multipart) return multipart.fields.has("email") ? "sendgrid_raw" : "sendgrid_parsed";
  if (/^(message\/rfc822|application\/octet-stream|text\/plain)\b/i.test(contentType)) return "rfc822";
  throw new AppError(
    "bad_request",
    "Expected multipart/form-data (SendGrid Inbound Parse) or message/rfc822",
  );
}

/** The envelope of a stored payload, cheaply: only header blocks are parsed, never a 30 MB body. */
export async function readInboundEnvelope(
  payload: InboundPayload,
  multipart?: Multipart,
): Promise<InboundEnvelope> {
  if (payload.intake === "sendgrid_parsed") {
    const parts = multipart ?? (await splitMultipart(payload.raw, payload.contentType));
    const headerBlock = parts.fields.get("headers");
    if (!headerBlock && !parts.fields.has("from")) {
      throw new AppError(
        "bad_request",
        "Not a SendGrid Inbound Parse body: no headers, from or email field",
        {
          fieldErrors: { headers: ["Required"] },
        },
      );
    }
    const headers = await parseHeaderBlock(headerBlock ?? Buffer.alloc(0));
    const fieldFrom = parts.fields.get("from")?.toString("utf8");
    const from = firstAddress(headers.from) ?? (fieldFrom ? parseAddressField(fieldFrom) : null);
    return {
      messageId: headers.messageId ?? syntheticMessageId(payload.raw),
      from,
      subject: parts.fields.get("subject")?.toString("utf8") ?? headers.subject ?? null,
      date: headers.date ?? null,
      recipients: recipientsOf(headers, [
        ...envelopeRecipients(parts.fields.get("envelope")),
        ...["to", "cc"].flatMap((f) => splitAddressList(parts.fields.get(f)?.toString("utf8"))),
      ]),
    };
  }
  const mime = payload.intake === "sendgrid_raw" ? await rawEmailField(payload, multipart) : payload.raw;
  const headers = await parseHeaderBlock(headerBlockOf(mime));
  if (!headers.from && !headers.messageId && !headers.subject) {
    throw new AppError("bad_request", "Not an e-mail message: no From, Message-ID or Subject header");
  }
  const envelope =
    payload.intake === "sendgrid_raw"
      ? envelopeRecipients(
          (multipart ?? (await splitMultipart(payload.raw, payload.contentType))).fields.get("envelope"),
        )
      : [];
  return {
    messageId: headers.messageId ?? syntheticMessageId(mime),
    from: firstAddress(headers.from),
    subject: headers.subject ?? null,
    date: headers.date ?? null,
    recipients: recipientsOf(headers, envelope),
  };
}

/** The whole message, for the job: bodies, attachments, headers and SendGrid's SPF/DKIM/spam verdicts. */
export async function readInboundMessage(payload: InboundPayload): Promise<InboundMessage> {
  if (payload.intake === "rfc822" || payload.intake === "upload") return readMimeMessage(payload.raw);
  const parts = await splitMultipart(payload.raw, payload.contentType);
  const auth = sendgridAuth(parts.fields);
  if (payload.intake === "sendgrid_raw") {
    const mime = parts.fields.get("email");
    if (!mime) throw new Error("SendGrid raw-mode body without its `email` field");
    const message = await readMimeMessage(mime);
    return { ...message, auth: mergeAuth(auth, message.auth) };
  }
  const headers = await parseHeaderBlock(parts.fields.get("headers") ?? Buffer.alloc(0));
  const charsets = parseJsonField(parts.fields.get("charsets")) as Record<string, string> | null;
  const decode = (field: string) => {
    const bytes = parts.fields.get(field);
    return bytes ? decodeText(bytes, charsets?.[field] ?? "utf-8") : null;
  };
  const info = (parseJsonField(parts.fields.get("attachment-info")) ?? {}) as Record<
    string,
    { filename?: string; name?: string; type?: string }
  >;
  const attachments: InboundAttachment[] = parts.files.map((file) => ({
    filename: info[file.field]?.filename ?? info[file.field]?.name ?? (file.filename || null),
    contentType: info[file.field]?.type ?? "application/octet-stream",
    size: file.content.length,
    content: file.content,
  }));
  const html = decode("html");
  const text = decode("text") ?? (html ? convertHtmlToText(html) : "");
  const fieldFrom = decode("from");
  return {
    messageId: headers.messageId ?? null,
    from: firstAddress(headers.from) ?? (fieldFrom ? parseAddressField(fieldFrom) : null),
    replyTo: addressesOf(headers.replyTo),
    to: addressesOf(headers.to),
    cc: addressesOf(headers.cc),
    subject: decode("subject") ?? headers.subject ?? "",
    date: headers.date ?? null,
    headers: headerMap(headers),
    text,
    html: html || null,
    attachments,
    auth: mergeAuth(auth, authFromHeaders(headerMap(headers))),
  };
}

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

async function rawEmailField(payload: InboundPayload, multipart?: Multipart): Promise<Buffer> {
  const parts = multipart ?? (await splitMultipart(payload.raw, payload.contentType));
  return parts.fields.get("email")!;
}

/** Everything before the first empty line: the header block of a MIME message. */
function headerBlockOf(mime: Buffer): Buffer {
  const crlf = mime.indexOf("\r\n\r\n");
  const lf = mime.indexOf("\n\n");
  const end = [crlf, lf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  return end === undefined ? mime : mime.subarray(0, end);
}

/** A header block through mailparser (RFC 2047 words, folded lines, address lists), without any body. */
function parseHeaderBlock(block: Buffer): Promise<ParsedMail> {
  return simpleParser(Buffer.concat([block, Buffer.from("\r\n\r\n")]));
}

function headerMap(parsed: ParsedMail): Record<string, string[]> {
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

function addressesOf(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
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

const firstAddress = (value: AddressObject | AddressObject[] | undefined) => addressesOf(value)[0] ?? null;

function parseAddressField(text: string): EmailAddress | null {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text);
  if (match) return { address: match[2]!.trim().toLowerCase(), name: match[1]!.trim() || null };
  const bare = /[^\s<>,;"']+@[^\s<>,;"']+/.exec(text);
  return bare ? { address: bare[0].toLowerCase(), name: null } : null;
}

function splitAddressList(text: string | undefined): string[] {
  return text ? [...text.matchAll(/[^\s<>,;"']+@[^\s<>,;"']+/g)].map((m) => m[0].toLowerCase()) : [];
}

function envelopeRecipients(field: Buffer | undefined): string[] {
  const envelope = parseJsonField(field) as { to?: unknown } | null;
  return Array.isArray(envelope?.to) ? envelope.to.filter((a): a is string => typeof a === "string") : [];
}

function recipientsOf(headers: ParsedMail, extra: string[]): string[] {
  const map = headerMap(headers);
  const fromHeaders = ["delivered-to", "x-original-to", "x-forwarded-to", "envelope-to"].flatMap((name) =>
    (map[name] ?? []).flatMap(splitAddressList),
  );
  const listed = [...addressesOf(headers.to), ...addressesOf(headers.cc)].map((a) => a.address);
  return [...new Set([...extra, ...fromHeaders, ...listed].map((a) => a.toLowerCase()))];
}

function parseJsonField(field: Buffer | undefined): unknown {
  if (!field) return null;
  try {
    return JSON.parse(field.toString("utf8"));
  } catch {
    return null;
  }
}

function decodeText(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    // An unknown charset name: UTF-8 shows most of the text, which is better than failing the e-mail.
    return bytes.toString("utf8");
  }
}

/** `SPF`, `dkim` (`{@example.com : pass}` per signature) and `spam_score` as SendGrid sends them. */
function sendgridAuth(fields: Map<string, Buffer>): InboundMessage["auth"] {
  const dkim = fields.get("dkim")?.toString("utf8") ?? null;
  const verdicts = dkim ? [...dkim.matchAll(/:\s*(\w+)/g)].map((m) => m[1]!.toLowerCase()) : [];
  const score = Number(fields.get("spam_score")?.toString("utf8"));
  return {
    spf: fields.get("SPF")?.toString("utf8").trim().toLowerCase() || null,
    dkim: verdicts.length === 0 ? null : verdicts.includes("pass") ? "pass" : (verdicts[0] ?? null),
    spamScore: Number.isFinite(score) && fields.has("spam_score") ? score : null,
  };
}

/** SPF/DKIM from Authentication-Results / Received-SPF, spam score from X-Spam-Score (set by the receiving MTA). */
function authFromHeaders(headers: Record<string, string[]>): InboundMessage["auth"] {
  const results = (headers["authentication-results"] ?? []).join("; ").toLowerCase();
  const spf =
    /\bspf=(\w+)/.exec(results)?.[1] ?? headers["received-spf"]?.[0]?.split(/\s/)[0]?.toLowerCase() ?? null;
  const dkim = /\bdkim=(\w+)/.exec(results)?.[1] ?? null;
  const score = Number(headers["x-spam-score"]?.[0]);
  return { spf, dkim, spamScore: Number.isFinite(score) && headers["x-spam-score"] ? score : null };
}

function mergeAuth(first: InboundMessage["auth"], second: InboundMessage["auth"]): InboundMessage["auth"] {
  return {
    spf: first.spf ?? second.spf,
    dkim: first.dkim ?? second.dkim,
    spamScore: first.spamScore ?? second.spamScore,
  };
}

/** Mail without a Message-ID still dedupes: the same bytes posted twice get the same id. */
function syntheticMessageId(bytes: Buffer): string {
  return `<${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}@norvalt.invalid>`;
}

/**
 * A webhook body as a payload to store and its envelope: SendGrid multipart (parsed or raw mode) or a bare MIME
 * message. 400 for anything else, or a body that is not what it claims to be.
 */
export async function readInboundRequest(
  contentType: string,
  body: Buffer,
): Promise<{ payload: InboundPayload; envelope: InboundEnvelope }> {
  if (body.length === 0) throw new AppError("bad_request", "Empty body");
  const multipart = /^multipart\/form-data\b/i.test(contentType)
    ? await splitMultipart(body, contentType)
    : undefined;
  const payload: InboundPayload = { intake: detectIntake(contentType, multipart), contentType, raw: body };
  return { payload, envelope: await readInboundEnvelope(payload, multipart) };
}

/** An .eml uploaded in the dashboard: the file of a multipart form (field `file`), or the message as the body. */
export async function readUploadedEmail(
  contentType: string,
  body: Buffer,
): Promise<{ payload: InboundPayload; envelope: InboundEnvelope }> {
  let mime = body;
  if (/^multipart\/form-data\b/i.test(contentType)) {
    const parts = await splitMultipart(body, contentType);
    const file = parts.files.find((f) => f.field === "file");
    if (!file) throw new AppError("bad_request", "No file", { fieldErrors: { file: ["Velg en .eml-fil"] } });
    mime = file.content;
  }
  if (mime.length === 0)
    throw new AppError("bad_request", "Empty file", { fieldErrors: { file: ["Filen er tom"] } });
  const payload: InboundPayload = { intake: "upload", contentType: "message/rfc822", raw: mime };
  return { payload, envelope: await readInboundEnvelope(payload) };
}
