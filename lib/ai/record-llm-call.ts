import { llmCalls, type LlmCallPurpose } from "../../db/schema/llm-calls.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import type { LlmResult } from "../integrations/llm/llm.ts";
import { getLogger } from "../log/logger.ts";

/**
 * Writes one llm_calls row for a model call: model, latency, tokens and outcome, linked to the lead or e-mail it
 * was for. Every AI function calls this with the port's result; "not configured" made no call and is not recorded.
 * Its own short transaction, committed without waiting for the WAL flush: the row is a statistic, and losing the
 * last few in a database crash costs less than making every reply wait for an fsync.
 */
export async function recordLlmCall(
  tenant: Tenant,
  input: {
    purpose: LlmCallPurpose;
    result: LlmResult<unknown>;
    leadId?: string | null;
    emailId?: string | null;
  },
): Promise<void> {
  const { result } = input;
  if (result.outcome === "not_configured") return;
  // A lost statistic must not cost a customer their reply (e.g. the lead was deleted meanwhile: lead_id's FK).
  await withTenant(
    tenant.dealershipId,
    (tx) =>
      tx.insert(llmCalls).values({
        dealershipId: tx.dealershipId,
        purpose: input.purpose,
        model: result.model,
        latencyMs: result.latencyMs,
        inputTokens: result.usage?.inputTokens ?? null,
        outputTokens: result.usage?.outputTokens ?? null,
        cacheReadTokens: result.usage?.cacheReadTokens ?? null,
        cacheCreationTokens: result.usage?.cacheCreationTokens ?? null,
        outcome: result.outcome,
        errorKind: result.outcome === "ok" ? null : result.error.kind,
        leadId: input.leadId ?? null,
        emailId: input.emailId ?? null,
      }),
    { asyncCommit: true },
  ).catch((err: unknown) =>
    getLogger("ai").error(`could not record the ${input.purpose} call: ${(err as Error).message}`),
  );
}
