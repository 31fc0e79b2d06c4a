import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { ingestLead } from "../leads/ingest-lead.ts";
import { respondToLead } from "../responder/respond-to-lead.ts";
import type { TestLeadInput } from "./schemas.ts";

export type TestLeadResult = {
  leadId: string;
  /** "preview": a reply was drafted; "not_answered": a customer would get no reply (AI off, source skipped). */
  status: "preview" | "not_answered";
  reason?: string;
  reply: { subject: string; body: string } | null;
};

/**
 * "Send en testlead" (Settings → AI): the reply a customer would get, through the real pipeline. The lead is
 * ingested like any other (marked test, and "preview" so it is answered), then the lead.respond use case runs
 * and is awaited here — draft (Claude or built-in), guardrails — and the stored reply is returned. Nothing is
 * e-mailed or texted: respondToLead stores a preview's reply unsent and enqueues no send or rep job.
 */
export async function sendTestLead(
  session: Session,
  input: TestLeadInput,
  options: { now?: Date } = {},
): Promise<TestLeadResult> {
  const tenant = { dealershipId: session.dealershipId };
  const { leadId } = await ingestLead(
    tenant,
    {
      source: input.source,
      name: input.name,
      // A unique address that can never be delivered (RFC 2606), so the preview never merges into a real lead.
      email: `testlead-${randomUUID().slice(0, 8)}@example.invalid`,
      vehicleInterest: input.vehicleInterest || undefined,
      message: input.message,
    },
    { preview: true, now: options.now },
  );
  const outcome = await respondToLead(tenant, { leadId }, { now: options.now });
  if (outcome.status !== "preview" || !outcome.conversationId) {
    return { leadId, status: "not_answered", reason: outcome.reason, reply: null };
  }
  const [reply] = await withTenant(session.dealershipId, (tx) =>
    tx
      .select({ subject: conversations.subject, body: conversations.messageContent })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, outcome.conversationId!),
          eq(conversations.dealershipId, session.dealershipId),
        ),
      ),
  );
  return {
    leadId,
    status: "preview",
    reason: outcome.reason,
    reply: reply ? { subject: reply.subject ?? "", body: reply.body } : null,
  };
}
