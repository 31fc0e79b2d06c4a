import { z } from "zod";

export type EmailAddress = { address: string; name: string | null };

export type InboundAttachment = {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
};

/**
 * One received e-mail, whatever way it came in (SendGrid parsed fields, SendGrid raw MIME, a posted or uploaded
 * .eml): what the pre-filter, the parsers and the classifier read. Header names are lower case; a header seen
 * several times keeps every value in order.
 */
export type InboundMessage = {
  messageId: string | null;
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: Date | null;
  headers: Record<string, string[]>;
  /** The plain-text body; converted from the HTML part when the mail has no text part. */
  text: string;
  html: string | null;
  attachments: InboundAttachment[];
  /** SendGrid's verdicts when it sent them (SPF, DKIM, SpamAssassin score); null when unknown. */
  auth: { spf: string | null; dkim: string | null; spamScore: number | null };
};

export const EMAIL_CLASSIFICATIONS = ["sales_inquiry", "spam", "other", "uncertain"] as const;
export type EmailClassification = (typeof EMAIL_CLASSIFICATIONS)[number];

export const EMAIL_LEAD_SOURCES = ["toyota.no", "volkswagen.no", "finn.no", "direct_email", "other"] as const;
export const EMAIL_URGENCIES = ["high", "medium", "low"] as const;
export const EMAIL_PARSERS = ["adf", "portal", "finn", "heuristic", "ai", "manual"] as const;

/** Urgency → lead score (PRD US-2.2: high 70, medium 60, low 50). */
export const URGENCY_SCORES = { high: 70, medium: 60, low: 50 } as const;

/** The lead data found in an e-mail, by a deterministic parser, the heuristic extractor or the AI. */
export const extractedEmailLead = z.object({
  name: z.string().trim().max(200).nullish(),
  /** The customer's address: never a portal's or FINN's no-reply sender. */
  email: z.string().trim().max(254).nullish(),
  phone: z.string().trim().max(50).nullish(),
  vehicleInterest: z.string().trim().max(300).nullish(),
  message: z.string().trim().max(10_000).nullish(),
  urgency: z.enum(EMAIL_URGENCIES).default("low"),
  source: z.enum(EMAIL_LEAD_SOURCES),
  /** Where to answer when e-mail is not the way (a FINN conversation, the portal's lead page). */
  sourceUrl: z.string().trim().max(2_000).nullish(),
  /** The sender system's own lead id (ADF prospect id, portal reference), for dedupe. */
  externalId: z.string().trim().max(500).nullish(),
  /** False when the customer must not get an automatic e-mail (FINN: answer on FINN). */
  replyByEmail: z.boolean().default(true),
});
export type ExtractedEmailLead = z.infer<typeof extractedEmailLead>;
export type EmailParser = (typeof EMAIL_PARSERS)[number];

/** Why the rule-based pre-filter set an e-mail aside. */
export const PREFILTER_VERDICTS = ["auto_reply", "bounce", "spam", "newsletter"] as const;
export type PrefilterVerdict = { verdict: (typeof PREFILTER_VERDICTS)[number]; reason: string };
