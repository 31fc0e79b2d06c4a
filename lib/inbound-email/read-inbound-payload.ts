import { createHash } from "node:crypto";
import type { ParsedMail } from "mailparser";
import type { EmailIntake } from "../../db/schema/enums.ts";
import { AppError } from "../errors.ts";
import type { EmailAddress, InboundAttachment, InboundMessage } from "./inbound-message.ts";
import { convertHtmlToText } from "./parsers/convert-html-to-text.ts";
import {
  addressesOf,
  authFromHeaders,
  firstAddress,
  headerBlockOf,
  headerMap,
  parseHeaderBlock,
  readMimeMessage,
} from "./read-mime-message.ts";
import { splitMultipart, type Multipart } from "./split-multipart.ts";
import { normalizeInput, storableDate } from "../text/clean-input.ts";

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

/** Which intake a request is, from its Content-Type and (for SendGrid) whether it carries the raw `email` field. */
export function detectIntake(contentType: string, multipart?: Multipart): EmailIntake {
  if (multipart) return multipart.fields.has("email") ? "sendgrid_raw" : "sendgrid_parsed";
  if (/^(message\/rfc822|application\/octet-stream|text\/plain)\b/i.test(contentType)) return "rfc822";
  throw new AppError(
    "bad_request",
    "Expected multipart/form-data (SendGrid Inbound Parse) or message/rfc822",
  );
}

/** Mail is parsed past the edge (the raw bytes are stored first), so its text gets the edge's hygiene here. */
const MAIL_SHAPE = { maxDepth: 32, maxEntries: 1_000_000 };

/**
 * The envelope of a stored payload, cheaply: only header blocks are parsed, never a 30 MB body. Its text is
 * cleaned like any input (NUL, lone surrogates, control characters, NFC: Postgres refuses NUL), and a Date
 * header outside what Postgres stores is dropped.
 */
export async function readInboundEnvelope(
  payload: InboundPayload,
  multipart?: Multipart,
): Promise<InboundEnvelope> {
  const envelope = normalizeInput(await readEnvelope(payload, multipart), MAIL_SHAPE);
  return { ...envelope, date: storableDate(envelope.date) };
}

async function readEnvelope(payload: InboundPayload, multipart?: Multipart): Promise<InboundEnvelope> {
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

/** The whole message, for the job: bodies, attachments, headers and SendGrid's SPF/DKIM/spam verdicts; text cleaned. */
export async function readInboundMessage(payload: InboundPayload): Promise<InboundMessage> {
  const message = normalizeInput(await readMessage(payload), MAIL_SHAPE);
  return { ...message, date: storableDate(message.date) };
}

async function readMessage(payload: InboundPayload): Promise<InboundMessage> {
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

async function rawEmailField(payload: InboundPayload, multipart?: Multipart): Promise<Buffer> {
  const parts = multipart ?? (await splitMultipart(payload.raw, payload.contentType));
  return parts.fields.get("email")!;
}

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
