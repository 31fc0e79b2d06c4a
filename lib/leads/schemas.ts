import { z } from "zod";
import { LEAD_SOURCES, LEAD_STATUSES } from "../../db/schema/enums.ts";

export const leadListQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  email: z.string().trim().max(254).optional(),
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
  })
  .refine((lead) => lead.email || lead.phone, {
    message: "E-post eller telefon må fylles ut",
    path: ["email"],
  });

export type IngestLeadInput = z.input<typeof ingestLeadInput>;
