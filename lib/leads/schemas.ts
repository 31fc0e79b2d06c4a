import { z } from "zod";
import { LEAD_SOURCES, LEAD_STATUSES, type LeadStatus } from "../../db/schema/enums.ts";
import { storableDateParam } from "../dates/storable-date-param.ts";
import { normalisePhone } from "./normalise-contact.ts";

export const leadListQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  email: z.string().trim().max(254).optional(),
  /** Name, e-mail or phone number. */
  search: z.string().trim().min(1).max(200).optional(),
  from: storableDateParam().optional(),
  to: storableDateParam().optional(),
  /** Only leads nobody is assigned to. */
  unassigned: z.enum(["true", "false"]).optional(),
  assigned_to: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** What every source hands to ingestLead, already mapped from its own format. */
export const ingestLeadInput = z
  .object({
    source: z.enum(LEAD_SOURCES),
    name: optionalText(200),
    email: z.string().trim().toLowerCase().pipe(z.email("Ugyldig e-postadresse").max(254)).optional(),
    phone: optionalText(50),
    vehicleInterest: optionalText(300),
    message: optionalText(10_000),
    sourceUrl: optionalText(2_000),
    /** The source's own id (Meta leadgen_id, e-mail Message-ID): a replay of it returns the stored lead. */
    externalId: optionalText(500),
    /** Raw per-source details kept for debugging and shown on the lead. */
    metadata: z.record(z.string(), z.unknown()).optional(),
    isTest: z.boolean().optional(),
    isSpam: z.boolean().optional(),
    consentMarketing: z.boolean().optional(),
    /** GDPR: the consent text the person was shown and its version (the form's, Meta's custom disclaimer). */
    consentText: optionalText(2_000),
    consentVersion: optionalText(100),
    /** 0–100; the default 50 unless the source knows better (e-mail urgency: 70/60/50). */
    leadScore: z.number().int().min(0).max(100).optional(),
    /** A person must answer where the lead came from (a FINN conversation): no AI reply, the rep is texted. */
    aiPaused: z.boolean().optional(),
  })
  // A lead someone can answer: by e-mail, by phone, or where it came from (a FINN conversation has neither).
  .refine((lead) => lead.email || lead.phone || lead.sourceUrl, {
    message: "E-post eller telefon må fylles ut",
    path: ["email"],
  });

export type IngestLeadInput = z.input<typeof ingestLeadInput>;

/** The website form (PRD US-2.1). Field names are the public contract of the embed snippet. */
export const formLeadInput = z.object({
  name: z
    .string({ error: "Navn må fylles ut" })
    .trim()
    .min(1, "Navn må fylles ut")
    .max(200, "Navnet er for langt"),
  email: z
    .string({ error: "E-post må fylles ut" })
    .trim()
    .toLowerCase()
    .pipe(z.email("Ugyldig e-postadresse").max(254)),
  phone: z.string().trim().max(50, "Telefonnummeret er for langt").optional(),
  vehicle_interest: z.string().trim().max(300).optional(),
  message: z
    .string({ error: "Melding må fylles ut" })
    .trim()
    .min(1, "Melding må fylles ut")
    .max(5_000, "Meldingen er for lang"),
  source_url: z.url("Ugyldig adresse").max(2_000).optional().or(z.literal("")),
  consent_marketing: z.union([z.boolean(), z.enum(["on", "true", "1", "false", "0"])]).optional(),
  /** The consent text shown beside the checkbox and its version, so the lead records what was agreed to. */
  consent_text: z.string().trim().max(2_000, "Samtykketeksten er for lang").optional(),
  consent_version: z.string().trim().max(100, "Versjonen er for lang").optional(),
});

/** Hidden field bots fill in and people never see. A filled honeypot is stored as spam, never answered. */
export const FORM_HONEYPOT_FIELD = "_hp";

/** POST /api/leads (PRD contract): a lead entered by a person (manual) or sent by a machine client (api). */
export const createLeadInput = z
  .object({
    customer_name: z.string().trim().min(1, "Navn må fylles ut").max(200),
    customer_email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email("Ugyldig e-postadresse").max(254))
      .optional(),
    customer_phone: z.string().trim().max(50).optional(),
    vehicle_interest: z.string().trim().max(300).optional(),
    message: z.string().trim().max(10_000).optional(),
    external_id: z.string().trim().max(500).optional(),
  })
  .refine((lead) => lead.customer_email || lead.customer_phone, {
    message: "E-post eller telefon må fylles ut",
    path: ["customer_email"],
  });

/** The dashboard's "Add lead" dialog (US-4.3): walk-ins and phone calls. */
export const manualLeadInput = z
  .object({
    name: z.string({ error: "Navn må fylles ut" }).trim().min(1, "Navn må fylles ut").max(200),
    email: z
      .union([z.literal(""), z.string().trim().toLowerCase().pipe(z.email("Ugyldig e-postadresse").max(254))])
      .optional(),
    phone: z
      .string()
      .trim()
      .max(50)
      .refine((v) => !v || normalisePhone(v) !== null, "Ugyldig telefonnummer")
      .optional(),
    vehicleInterest: z.string().trim().max(300).optional(),
    message: z.string().trim().max(5_000).optional(),
    channel: z.enum(["walk_in", "phone"], "Velg kanal"),
  })
  .refine((lead) => lead.email || lead.phone, {
    message: "E-post eller telefon må fylles ut",
    path: ["email"],
  });

/** A lost lead needs its reason: it is what the manager's loss analysis reads. */
const statusChange = {
  status: z.enum(LEAD_STATUSES, "Ugyldig status"),
  reason: z.string().trim().max(500, "Årsaken er for lang").optional(),
};
const requireLostReason = (input: { status?: string; reason?: string }) =>
  input.status !== "lost" || Boolean(input.reason);
const LOST_REASON = { message: "Oppgi hvorfor leadet er tapt", path: ["reason"] };

/** The dashboard's status dropdown (US-4.4). */
export const leadStatusInput = z
  .object({ leadId: z.uuid(), ...statusChange })
  .refine(requireLostReason, LOST_REASON);

/** PATCH /api/leads/:id (PRD contract): any of status (+ reason), assigned_to (null: unassign), notes (a new note). */
export const leadPatchInput = z
  .object({
    status: statusChange.status.optional(),
    reason: statusChange.reason,
    assigned_to: z.uuid().nullable().optional(),
    notes: z.string().trim().min(1).max(5_000).optional(),
  })
  .refine(requireLostReason, LOST_REASON)
  .refine((p) => p.status !== undefined || p.assigned_to !== undefined || p.notes !== undefined, {
    message: "Nothing to change: give status, assigned_to or notes",
    path: ["status"],
  });

export type LeadPatch = {
  status?: LeadStatus;
  reason?: string;
  assignedTo?: string | null;
  note?: string;
};

/** A rep's own message to the customer, by e-mail or SMS (US-4.2); POST /api/conversations uses the same. */
export const manualReplyInput = z.object({
  leadId: z.uuid(),
  channel: z.enum(["email", "sms"], "Velg e-post eller SMS"),
  subject: z.string().trim().max(200).optional(),
  body: z.string().trim().min(1, "Skriv en melding").max(10_000, "Meldingen er for lang"),
});

/** The lead page's contact card: the customer's name, e-mail and phone (normalised when saved). */
export const leadContactInput = z
  .object({
    leadId: z.uuid(),
    name: z.string().trim().max(200, "Navnet er for langt").default(""),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "E-postadressen er for lang")
      .pipe(z.union([z.literal(""), z.email("Ugyldig e-postadresse")]))
      .default(""),
    phone: z
      .string()
      .trim()
      .max(50, "Telefonnummeret er for langt")
      .refine((phone) => phone === "" || normalisePhone(phone) !== null, "Ugyldig telefonnummer")
      .default(""),
  })
  .refine((contact) => contact.email || contact.phone, {
    message: "E-post eller telefon må fylles ut",
    path: ["email"],
  });
export type LeadContactInput = z.output<typeof leadContactInput>;

/** POST /api/conversations (PRD contract). */
export const conversationPostInput = z.object({
  lead_id: z.uuid(),
  message_content: z.string().trim().min(1).max(10_000),
  channel: z.enum(["email", "sms"]),
  subject: z.string().trim().max(200).optional(),
});

export const noteInput = z.object({
  leadId: z.uuid(),
  body: z.string().trim().min(1, "Skriv et notat").max(5_000, "Notatet er for langt"),
});

/** Bulk actions in the inbox: assign (or unassign) or mark as spam, up to a page of leads at once. */
export const bulkLeadsInput = z.object({
  leadIds: z.array(z.uuid()).min(1, "Velg minst én lead").max(100),
  action: z.enum(["assign", "spam"]),
  assignedTo: z.union([z.uuid(), z.literal("")]).optional(),
});
