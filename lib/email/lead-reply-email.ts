// Written with createElement instead of JSX on purpose: the worker (`node jobs/runner.ts`) and the migration
// scripts load this file through the job registry with Node's own type stripping, which cannot read .tsx.
import { createElement as h, Fragment, type CSSProperties, type ReactNode } from "react";
import {
  Body,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import { plainTextSelectors, render } from "@react-email/render";
import { compile } from "html-to-text";
import { formatPhoneForDisplay, normalisePhone } from "../leads/normalise-contact.ts";

export type LeadReplyEmailProps = {
  dealership: {
    name: string;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
    city?: string | null;
    logoUrl?: string | null;
    primaryColor?: string | null;
  };
  /** Paragraphs separated by blank lines: greeting, answer, signature and, last, the AI disclosure. */
  bodyText: string;
  /**
   * The dealership's e-mail signature (plain text, Settings → Forhandler), shown below the body unless the body
   * already carries it (the responders sign their replies; a rep's own e-mail may not). Escaped like all text.
   */
  signature?: string | null;
  unsubscribeUrl: string;
  /** Inbox preview line; the start of the body when not given. */
  preview?: string;
};

const NEUTRAL_BRAND = "#334155";
const FONT = "Arial, Helvetica, sans-serif";

/** The reply to a lead in the dealership's colours: header with name and logo, the answer, contact details, footer. */
export function LeadReplyEmail({
  dealership,
  bodyText,
  signature,
  unsubscribeUrl,
  preview,
}: LeadReplyEmailProps) {
  const brand = brandColor(dealership.primaryColor);
  const onBrand = textColorOn(brand);
  const logo = httpsUrl(dealership.logoUrl);
  return h(
    Html,
    { lang: "nb", dir: "ltr" },
    h(
      Head,
      null,
      h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      h("meta", { name: "color-scheme", content: "light" }),
      h("title", null, `${dealership.name} – svar på din henvendelse`),
    ),
    h(Preview, null, (preview ?? bodyText).replace(/\s+/g, " ").trim().slice(0, 140)),
    h(
      Body,
      { style: { backgroundColor: "#f4f4f5", margin: 0, padding: "24px 0", fontFamily: FONT } },
      h(
        Container,
        { style: { maxWidth: "600px", width: "100%", backgroundColor: "#ffffff", borderRadius: "6px" } },
        h(
          Section,
          { style: { backgroundColor: brand, padding: "20px 24px", borderRadius: "6px 6px 0 0" } },
          logo &&
            h(Img, {
              src: logo,
              alt: dealership.name,
              height: "40",
              style: { height: "40px", width: "auto", maxWidth: "200px", marginBottom: "8px" },
            }),
          h(
            Heading,
            { as: "h1", style: { color: onBrand, fontSize: "22px", lineHeight: "28px", margin: 0 } },
            dealership.name,
          ),
        ),
        h(
          Section,
          { style: { padding: "8px 24px 8px" } },
          ...splitParagraphs(bodyText).map((lines, i) =>
            h(Text, { key: i, style: paragraph }, ...withBreaks(lines)),
          ),
          ...signatureLines(signature, bodyText).map((lines) =>
            h(
              Text,
              { key: "signature", className: "signature", style: { ...paragraph, color: "#374151" } },
              ...withBreaks(lines),
            ),
          ),
        ),
        h(ContactDetails, { dealership }),
        h(
          Section,
          { style: { backgroundColor: "#f4f4f5", padding: "16px 24px", borderRadius: "0 0 6px 6px" } },
          h(
            Text,
            { style: { ...small, margin: 0 } },
            `Du får denne e-posten fordi du kontaktet ${dealership.name}. `,
            h(Link, { href: unsubscribeUrl, style: { ...link, color: "#374151" } }, "Meld deg av"),
            " · ",
            h(
              Link,
              {
                href: new URL("/personvern", new URL(unsubscribeUrl).origin).toString(),
                style: { ...link, color: "#374151" },
              },
              "Personvern",
            ),
          ),
        ),
      ),
    ),
  );
}

/** HTML and the plain-text part of the same e-mail. */
export async function renderLeadReplyEmail(
  props: LeadReplyEmailProps,
): Promise<{ html: string; text: string }> {
  const html = await render(h(LeadReplyEmail, props));
  return { html, text: toPlainText(html) };
}

/**
 * The plain-text part, from the HTML rather than a second render: @react-email/render's toPlainText with our
 * selectors, compiled once (toPlainText compiles its selectors on every call, a third of a render's CPU in
 * bench:ingest's worker). Headings keep their case (html-to-text shouts them by default).
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    { selector: "h1", options: { uppercase: false, trailingLineBreaks: 2 } },
    // The number and address are already the link text; "tel:+47…" after them is noise.
    { selector: 'a[href^="tel:"]', format: "anchor", options: { ignoreHref: true } },
    { selector: 'a[href^="mailto:"]', format: "anchor", options: { ignoreHref: true } },
  ],
});

function ContactDetails({ dealership }: Pick<LeadReplyEmailProps, "dealership">) {
  // "Økernveien 145, 0580 Oslo" already names the city: no ", Oslo" after it.
  const address = dealership.address?.trim();
  const city = dealership.city?.trim();
  const place =
    address && city && address.toLowerCase().includes(city.toLowerCase())
      ? address
      : [address, city].filter(Boolean).join(", ");
  const phoneDigits = normalisePhone(dealership.phone) ?? dealership.phone?.replace(/[^\d+]/g, "");
  const lines: ReactNode[] = [h("strong", { key: "name" }, dealership.name)];
  if (place) lines.push(place);
  if (dealership.phone && phoneDigits)
    lines.push(
      h(
        Fragment,
        { key: "phone" },
        "Telefon: ",
        h(Link, { href: `tel:${phoneDigits}`, style: link }, formatPhoneForDisplay(dealership.phone)),
      ),
    );
  if (dealership.email)
    lines.push(
      h(
        Fragment,
        { key: "email" },
        "E-post: ",
        h(Link, { href: `mailto:${dealership.email}`, style: link }, dealership.email),
      ),
    );
  return h(
    Section,
    { style: { padding: "0 24px 16px" } },
    h(Hr, { style: { borderColor: "#e5e7eb", margin: "8px 0 16px" } }),
    h(Text, { style: { ...small, margin: 0 } }, ...withBreaks(lines)),
  );
}

const paragraph: CSSProperties = { color: "#111827", fontSize: "16px", lineHeight: "24px", margin: "16px 0" };
const small: CSSProperties = { color: "#4b5563", fontSize: "13px", lineHeight: "20px" };
// Underlined, not only coloured: links must be recognisable without colour vision (WCAG 1.4.1).
const link: CSSProperties = { color: "#1f2937", textDecorationLine: "underline" };

/** The signature as one block of lines, or nothing when there is none or the body already ends with it. */
function signatureLines(signature: string | null | undefined, bodyText: string): string[][] {
  const text = signature?.replace(/\r\n?/g, "\n").trim();
  if (!text) return [];
  const squash = (value: string) => value.replace(/\s+/g, " ").trim();
  if (squash(bodyText).includes(squash(text))) return [];
  return [text.split("\n").map((line) => line.trimEnd())];
}

/** Blank lines separate paragraphs; single line breaks inside one stay line breaks. */
function splitParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.split("\n").map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ""));
}

function withBreaks(lines: ReactNode[]): ReactNode[] {
  return lines.flatMap((line, i) => (i === 0 ? [line] : [h("br", { key: `br${i}` }), line]));
}

/** Only #rgb or #rrggbb reaches a style attribute: anything else could smuggle in CSS (`red;background:url(…)`). */
export function brandColor(value: string | null | undefined): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value.trim()) ? value.trim() : NEUTRAL_BRAND;
}

/** White or near-black, whichever reads better on the brand colour (WCAG relative luminance). */
function textColorOn(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05); at L ≈ 0.18 white and black contrast equally.
  return luminance > 0.179 ? "#111827" : "#ffffff";
}

/**
 * Mail clients block or warn about http images, and other schemes have no business in an <img>. Plain http only
 * for a loopback host: a local installation (APP_URL http://localhost:3000) shows its logo in the dev outbox.
 */
function httpsUrl(value: string | null | undefined): string | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    return url.protocol === "https:" || (url.protocol === "http:" && loopback) ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A dealership's row as the reply e-mail shows it: contact details and Settings → Forhandler's branding. */
export function toReplyEmailBrand(dealership: {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
  branding: { logoUrl?: string | null; primaryColor?: string | null; emailSignature?: string | null };
}): Pick<LeadReplyEmailProps, "dealership" | "signature"> {
  const { name, phone, email, address, city, branding } = dealership;
  return {
    dealership: {
      name,
      phone,
      email,
      address,
      city,
      logoUrl: branding.logoUrl,
      primaryColor: branding.primaryColor,
    },
    signature: branding.emailSignature,
  };
}
