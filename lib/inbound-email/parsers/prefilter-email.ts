import type { InboundMessage, PrefilterVerdict } from "../inbound-message.ts";

/**
 * Sets aside mail that must never become a lead or get an answer: auto-replies (answering them loops), bounces,
 * newsletters and obvious spam. Rules only, so it is cheap and explainable; anything it lets through still goes
 * to the parsers and the classifier. Lead notifications from importer portals and FINN are trusted even though
 * they come from no-reply addresses and carry List-Unsubscribe.
 */
export function prefilterEmail(
  msg: InboundMessage,
  settings?: { blockedSenderDomains?: string[] },
): PrefilterVerdict | null {
  const from = msg.from?.address.toLowerCase() ?? "";
  const domain = from.slice(from.lastIndexOf("@") + 1);
  const subject = msg.subject.trim();

  const blocked = settings?.blockedSenderDomains?.find((d) =>
    matchesDomain(domain, d.toLowerCase().replace(/^@/, "")),
  );
  if (blocked) return { verdict: "spam", reason: `Blokkert avsenderdomene: ${blocked}` };

  const bounce = findBounce(msg, from, subject);
  if (bounce) return { verdict: "bounce", reason: bounce };

  // A portal's domain is trusted only when the mail is not forged (SPF and DKIM both failing).
  const leadSender = (isTrustedLeadSender(domain) && !failsAuthentication(msg)) || containsAdf(msg);
  const auto = findAutoReply(msg, subject, leadSender);
  if (auto) return { verdict: "auto_reply", reason: auto };
  if (leadSender) return null;

  const spam = findSpam(msg, subject);
  if (spam) return { verdict: "spam", reason: spam };

  const newsletter = findNewsletter(msg, from);
  if (newsletter) return { verdict: "newsletter", reason: newsletter };

  return null;
}

// Portals whose notifications are leads; an out-of-office or bounce from them is still caught above.
const TRUSTED_LEAD_DOMAINS = [
  "toyota.no",
  "volkswagen.no",
  "audi.no",
  "skoda.no",
  "cupra.no",
  "seat.no",
  "hyundai.no",
  "kia.no",
  "finn.no",
  "moller.no",
  "mollerbil.no",
  "nissan.no",
  "mazda.no",
  "ford.no",
  "volvocars.com",
  "bmw.no",
  "mercedes-benz.no",
  "peugeot.no",
  "renault.no",
  "tesla.com",
];

function isTrustedLeadSender(domain: string): boolean {
  return TRUSTED_LEAD_DOMAINS.some((d) => matchesDomain(domain, d));
}

function containsAdf(msg: InboundMessage): boolean {
  const adf = /<(\?adf\b|adf>|adf\s)|&lt;adf(&gt;|\s)/i;
  return (
    adf.test(msg.text.slice(0, 50_000)) ||
    adf.test(msg.html?.slice(0, 50_000) ?? "") ||
    msg.attachments.some(
      (a) =>
        /xml|adf/i.test(`${a.contentType} ${a.filename ?? ""}`) &&
        adf.test(a.content.toString("latin1", 0, 20_000)),
    )
  );
}

function matchesDomain(domain: string, candidate: string): boolean {
  return candidate !== "" && (domain === candidate || domain.endsWith(`.${candidate}`));
}

function header(msg: InboundMessage, name: string): string | null {
  return msg.headers[name]?.[0]?.trim() ?? null;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
  /^(undeliver(able|ed)|delivery status notification|returned mail|mail delivery (failed|failure|system)|delivery failure|failure notice|non[- ]?delivery|kunne ikke leveres|kan ikke leveres|ikke levert|levering mislyktes|returnert e-post)/i;

function findBounce(msg: InboundMessage, from: string, subject: string): string | null {
  const contentType = header(msg, "content-type")?.toLowerCase() ?? "";
  if (contentType.startsWith("multipart/report") && contentType.includes("delivery-status"))
    return "Leveringsrapport (multipart/report; delivery-status)";
  if ("x-ms-exchange-message-is-ndr" in msg.headers) return "Exchange NDR (X-MS-Exchange-Message-Is-Ndr)";
  if (BOUNCE_SENDER.test(from) && (BOUNCE_SUBJECT.test(subject) || /delivery|levert|leveres/i.test(msg.text)))
    return `Returmelding fra ${from}`;
  if (BOUNCE_SUBJECT.test(subject) && (BOUNCE_SENDER.test(from) || header(msg, "return-path") === "<>"))
    return `Returmelding: «${subject}»`;
  return null;
}

const OUT_OF_OFFICE_SUBJECT =
  /^(automatisk svar|autosvar|auto[- ]?reply|automatic reply|autoreply|out of (the )?office|fravær|fraværsmelding|ikke til stede|ikke på kontoret|på ferie|abwesenheitsnotiz|frånvaro)\b/i;

/**
 * Lead systems often mark their notifications "Auto-Submitted: auto-generated" or "Precedence: junk"; for them
 * only a real auto-reply (an out-of-office answering our mail) counts.
 */
function findAutoReply(msg: InboundMessage, subject: string, leadSender: boolean): string | null {
  const autoSubmitted = header(msg, "auto-submitted")?.toLowerCase();
  if (
    autoSubmitted &&
    !autoSubmitted.startsWith("no") &&
    !(leadSender && autoSubmitted.startsWith("auto-generated"))
  )
    return `Auto-Submitted: ${autoSubmitted}`;
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder"]) {
    const value = header(msg, name);
    if (value !== null && !/^(no|false|0)$/i.test(value)) return `${name}: ${value || "(tom)"}`;
  }
  const precedence = header(msg, "precedence")?.toLowerCase();
  if (precedence === "auto_reply" || (precedence === "junk" && !leadSender))
    return `Precedence: ${precedence}`;
  const suppress = header(msg, "x-auto-response-suppress");
  if (suppress && /\b(all|oof|autoreply)\b/i.test(suppress) && OUT_OF_OFFICE_SUBJECT.test(subject))
    return `X-Auto-Response-Suppress: ${suppress}`;
  if (OUT_OF_OFFICE_SUBJECT.test(subject)) return `Fraværsmelding: «${subject}»`;
  return null;
}

const SPAM_PHRASES: Array<[RegExp, string]> = [
  // Whole words only: "kryptert"/"encrypted" appear in ordinary signatures and footers.
  [
    /\b(bitcoin|btc|kryptovaluta|kryptomynt\w*|krypto|cryptocurrenc(y|ies)|crypto|ethereum|handelsrobot|trading bot|forex)\b/i,
    "krypto/investering",
  ],
  [
    /\b(garantert avkastning|guaranteed (returns?|profit)|tjen \d[\d\s]* ?kr|passiv inntekt|bli rik)\b/i,
    "lover avkastning",
  ],
  [/\b(viagra|cialis|casino|kasino|betting|lotteri|lottery)\b/i, "legemidler/gambling"],
  [
    /\b(you have won|you('ve| have) been selected|du har vunnet|gratulerer,? du er valgt|claim your prize)\b/i,
    "premie",
  ],
  [
    /\b(seo|search engine optimi[sz]ation|first page of google|1st page of google|førsteside på google|backlinks?|link building)\b/i,
    "SEO-tilbud",
  ],
  [/\b(nigerian prince|inheritance fund|arv på|western union|wire transfer fee)\b/i, "svindel"],
];

function findSpam(msg: InboundMessage, subject: string): string | null {
  const { spf, dkim, spamScore } = msg.auth;
  if (spamScore !== null && spamScore >= 5) return `Spam-score ${spamScore}`;
  if (failsAuthentication(msg)) return `SPF ${spf} og DKIM ${dkim}`;
  const haystack = `${subject}\n${msg.text.slice(0, 20_000)}`;
  for (const [pattern, label] of SPAM_PHRASES) {
    const hit = pattern.exec(haystack);
    if (hit) return `Spam-ord (${label}): «${hit[0]}»`;
  }
  const links = countLinks(msg);
  const words = msg.text.split(/\s+/).filter((w) => w && !/^https?:/i.test(w)).length;
  if (links > 10 && links * 8 > words) return `Mange lenker (${links}) i forhold til tekst (${words} ord)`;
  return null;
}

// Either failing alone is common for forwarded or list mail; both failing means a forged sender.
function failsAuthentication(msg: InboundMessage): boolean {
  return (msg.auth.spf === "fail" || msg.auth.spf === "softfail") && msg.auth.dkim === "fail";
}

function countLinks(msg: InboundMessage): number {
  const inText = msg.text.match(/https?:\/\/[^\s<>"')\]]+/gi)?.length ?? 0;
  const inHtml = msg.html?.match(/<a\s[^>]*href\s*=\s*["']?https?:/gi)?.length ?? 0;
  return Math.max(inText, inHtml);
}

const MARKETING_SENDER =
  /^(newsletter|nyhetsbrev|news|nyheter|marketing|markedsforing|kampanje|campaign|info|tilbud|offers|promo)[\w.+-]*@/i;
const BULK_MAILER =
  /\b(mailchimp|sendinblue|brevo|klaviyo|hubspot|apsis|make\.as|rule\.io|mailjet|campaign monitor)\b/i;

function findNewsletter(msg: InboundMessage, from: string): string | null {
  const listId = header(msg, "list-id");
  const unsubscribe = header(msg, "list-unsubscribe");
  const precedence = header(msg, "precedence")?.toLowerCase();
  if (listId) return `Nyhetsbrev/e-postliste (List-Id: ${listId.slice(0, 80)})`;
  if (precedence === "bulk" || precedence === "list") return `Precedence: ${precedence}`;
  const mailer = `${header(msg, "x-mailer") ?? ""} ${header(msg, "x-campaign") ?? ""}`;
  if (unsubscribe && (BULK_MAILER.test(mailer) || MARKETING_SENDER.test(from)))
    return `Nyhetsbrev (List-Unsubscribe fra ${from})`;
  if (BULK_MAILER.test(mailer)) return `Massutsendelse (${mailer.trim().slice(0, 60)})`;
  return null;
}
