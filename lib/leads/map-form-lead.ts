import type { z } from "zod";
import type { formLeadInput, IngestLeadInput } from "./schemas.ts";

export type FormLeadContext = {
  /** The poster's Idempotency-Key: a retry with the same key returns the first lead. */
  idempotencyKey?: string;
  /** The page the form was on, when the form did not say (source_url). */
  referer?: string;
  userAgent?: string;
  /** The hidden honeypot field was filled in: a bot. Stored as spam, never answered. */
  honeypotFilled: boolean;
};

/** A website form post (PRD US-2.1 field names) as the lead ingestLead stores. */
export function mapFormLead(form: z.output<typeof formLeadInput>, context: FormLeadContext): IngestLeadInput {
  const consent = form.consent_marketing;
  return {
    source: "website",
    name: form.name,
    email: form.email,
    phone: form.phone,
    vehicleInterest: form.vehicle_interest,
    message: form.message,
    sourceUrl: form.source_url || context.referer || undefined,
    externalId: context.idempotencyKey ? `idempotency:${context.idempotencyKey}` : undefined,
    isSpam: context.honeypotFilled,
    consentMarketing: consent === true || consent === "on" || consent === "true" || consent === "1",
    consentText: form.consent_text || undefined,
    consentVersion: form.consent_version || undefined,
    metadata: { userAgent: context.userAgent },
  };
}
