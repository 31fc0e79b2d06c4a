import type { EmailDetail, EmailListItem } from "./find-emails.ts";
import type { ExtractedEmailLead } from "./inbound-message.ts";

/*
 * Received e-mails as the public API shows them: snake_case like the rest of the API (email_id, lead_id), with
 * explicit field lists (never the raw payload). The headers are passed on as the e-mail had them.
 */

/** One row of GET /api/emails. */
export function toEmailListItemJson(e: EmailListItem) {
  return {
    id: e.id,
    from_email: e.fromEmail,
    from_name: e.fromName,
    subject: e.subject,
    processing_status: e.processingStatus,
    classification: e.classification,
    classification_confidence: e.classificationConfidence,
    classified_by: e.classifiedBy,
    reason: e.reason,
    lead_id: e.leadId,
    intake: e.intake,
    size_bytes: e.sizeBytes,
    received_at: e.receivedAt,
    processed_at: e.processedAt,
  };
}

/** GET /api/emails/:id: what was read from the e-mail, its classification and extraction. */
export function toEmailJson(e: EmailDetail) {
  return {
    id: e.id,
    message_id: e.messageId,
    from_email: e.fromEmail,
    from_name: e.fromName,
    recipients: e.recipients,
    subject: e.subject,
    body_text: e.bodyText,
    body_html: e.bodyHtml,
    headers: e.headers,
    attachments: e.attachments.map((a) => ({
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
    })),
    auth_results: e.authResults && {
      spf: e.authResults.spf,
      dkim: e.authResults.dkim,
      spam_score: e.authResults.spamScore,
    },
    intake: e.intake,
    size_bytes: e.sizeBytes,
    processing_status: e.processingStatus,
    classification: e.classification,
    classification_confidence: e.classificationConfidence,
    classified_by: e.classifiedBy,
    reason: e.reason,
    extracted_data: e.extractedData && toExtractedLeadJson(e.extractedData as Partial<ExtractedEmailLead>),
    error_message: e.errorMessage,
    attempts: e.attempts,
    lead_id: e.leadId,
    received_at: e.receivedAt,
    processed_at: e.processedAt,
  };
}

/** What a parser or the AI read from the e-mail (extractedEmailLead). */
function toExtractedLeadJson(x: Partial<ExtractedEmailLead>) {
  return {
    name: x.name ?? null,
    email: x.email ?? null,
    phone: x.phone ?? null,
    vehicle_interest: x.vehicleInterest ?? null,
    message: x.message ?? null,
    urgency: x.urgency ?? null,
    source: x.source ?? null,
    source_url: x.sourceUrl ?? null,
    external_id: x.externalId ?? null,
    reply_by_email: x.replyByEmail ?? null,
  };
}
