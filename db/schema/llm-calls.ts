import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import { emails } from "./emails.ts";
import { enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";

/** What a model call was for: one value per AI function (aiDraftLeadReply, aiClassifyEmail, aiDraftFollowUp). */
export const LLM_CALL_PURPOSES = ["draft_reply", "classify_email", "draft_follow_up"] as const;
export type LlmCallPurpose = (typeof LLM_CALL_PURPOSES)[number];
/** How it ended; api_error covers the rest (5xx, 4xx, refused key, network). The detail is in error_kind. */
export const LLM_CALL_OUTCOMES = ["ok", "timeout", "rate_limited", "api_error", "invalid_output"] as const;

/**
 * One row per model call, for cost and quality figures (analytics reads it; nothing in the request path does).
 * Tokens are null when the call got no answer (timeout, network). Cache tokens are kept apart because the API
 * counts them outside input_tokens and bills them differently. The lead and e-mail stay linked while they exist.
 */
export const llmCalls = pgTable(
  "llm_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    purpose: enumText("purpose", LLM_CALL_PURPOSES).notNull(),
    model: text("model").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    cacheReadTokens: integer("cache_read_tokens"),
    cacheCreationTokens: integer("cache_creation_tokens"),
    outcome: enumText("outcome", LLM_CALL_OUTCOMES).notNull(),
    errorKind: text("error_kind"),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    emailId: uuid("email_id").references(() => emails.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("llm_calls_dealership_created_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    oneOf("llm_calls_purpose_check", t.purpose, LLM_CALL_PURPOSES),
    oneOf("llm_calls_outcome_check", t.outcome, LLM_CALL_OUTCOMES),
    ...tenantPolicies(),
  ],
);
