import type { conversations } from "../../db/schema/conversations.ts";
import type { leads } from "../../db/schema/leads.ts";
import type { LeadListItem } from "./find-leads.ts";

type Lead = typeof leads.$inferSelect;
type Message = typeof conversations.$inferSelect & { citedVehicleIds: string[] };

/*
 * Leads and their messages as the public API shows them: snake_case like the PRD contract (customer_name, lead_id),
 * with explicit field lists so a new internal column never leaks by accident. Free-form jsonb (source_metadata,
 * metadata) is passed on as stored.
 */

/** One row of GET /api/leads. */
export function toLeadListItemJson(l: LeadListItem) {
  return {
    id: l.id,
    customer_name: l.customerName,
    customer_email: l.customerEmail,
    customer_phone: l.customerPhone,
    vehicle_interest: l.vehicleInterest,
    initial_message: l.initialMessage,
    source: l.source,
    status: l.status,
    is_test: l.isTest,
    submission_count: l.submissionCount,
    assigned_to: l.assignedTo,
    assigned_to_name: l.assignedToName,
    ai_paused: l.aiPaused,
    last_ai_status: l.lastAiStatus,
    needs_review: l.needsReview,
    first_response_seconds: l.firstResponseSeconds,
    created_at: l.createdAt,
  };
}

/** The lead of GET /api/leads/:id and PATCH /api/leads/:id. */
export function toLeadJson(l: Lead) {
  return {
    id: l.id,
    dealership_id: l.dealershipId,
    source: l.source,
    source_url: l.sourceUrl,
    source_metadata: l.sourceMetadata,
    external_id: l.externalId,
    status: l.status,
    customer_name: l.customerName,
    customer_email: l.customerEmail,
    customer_phone: l.customerPhone,
    email_normalized: l.emailNormalized,
    phone_normalized: l.phoneNormalized,
    vehicle_interest: l.vehicleInterest,
    vehicle_id: l.vehicleId,
    initial_message: l.initialMessage,
    lead_score: l.leadScore,
    assigned_to: l.assignedTo,
    ai_paused: l.aiPaused,
    is_test: l.isTest,
    is_spam: l.isSpam,
    duplicate_of_lead_id: l.duplicateOfLeadId,
    submission_count: l.submissionCount,
    last_submission_at: l.lastSubmissionAt,
    consent_marketing: l.consentMarketing,
    consent_at: l.consentAt,
    consent_source: l.consentSource,
    unsubscribed_at: l.unsubscribedAt,
    needs_review: l.needsReview,
    review_reason: l.reviewReason,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
    last_contact_at: l.lastContactAt,
    first_response_at: l.firstResponseAt,
    first_response_seconds: l.firstResponseSeconds,
    converted_at: l.convertedAt,
  };
}

/** One message of GET /api/leads/:id and /api/leads/:id/conversations; cited_vehicle_ids is [] when none. */
export function toConversationJson(m: Message) {
  return {
    id: m.id,
    lead_id: m.leadId,
    dealership_id: m.dealershipId,
    channel: m.channel,
    direction: m.direction,
    sender: m.sender,
    sender_type: m.senderType,
    sender_user_id: m.senderUserId,
    subject: m.subject,
    message_content: m.messageContent,
    metadata: m.metadata,
    cited_vehicle_ids: m.citedVehicleIds,
    delivery_status: m.deliveryStatus,
    provider_message_id: m.providerMessageId,
    delivered_at: m.deliveredAt,
    delivery_error: m.deliveryError,
    created_at: m.createdAt,
  };
}
