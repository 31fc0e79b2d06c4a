import { and, eq } from "drizzle-orm";
import { emails } from "../../db/schema/emails.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import { extractedEmailLead, type ExtractedEmailLead } from "./inbound-message.ts";
import { classifyEmailHeuristically } from "./parsers/classify-email-heuristically.ts";
import { ingestEmailLead } from "./process-inbound-email.ts";
import { readInboundMessage } from "./read-inbound-payload.ts";

/**
 * Runs `email.process` again (after a failure, or to re-read with a fixed parser). The lead it may create is
 * keyed on the Message-ID, so reprocessing an e-mail that already became a lead finds that lead again.
 */
export async function reprocessEmail(actor: LeadActor, emailId: string): Promise<void> {
  await withTenant(actor.dealershipId, async (tx) => {
    const [row] = await tx
      .update(emails)
      .set({ processingStatus: "pending", errorMessage: null, updatedAt: new Date() })
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, actor.dealershipId)))
      .returning({ id: emails.id });
    if (!row) throw new AppError("not_found", "E-posten finnes ikke");
    await enqueue("email.process", { emailId, dealershipId: actor.dealershipId }, { tx });
    await recordAudit(tx, auditEntry(actor, "email.reprocess", emailId));
  });
}

/**
 * "Lag lead av denne e-posten": a person decides it is a sales inquiry. Uses what the classifier extracted, or
 * the built-in extractor when it found nothing, and the sender when the mail names no other contact.
 */
export async function createLeadFromEmail(actor: LeadActor, emailId: string): Promise<{ leadId: string }> {
  const row = await withTenant(actor.dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        intake: emails.intake,
        contentType: emails.rawContentType,
        raw: emails.raw,
        messageId: emails.messageId,
        extracted: emails.extractedData,
        leadId: emails.leadId,
      })
      .from(emails)
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, actor.dealershipId)));
    return found;
  });
  if (!row) throw new AppError("not_found", "E-posten finnes ikke");
  if (row.leadId) return { leadId: row.leadId };
  const message = await readInboundMessage({
    intake: row.intake,
    contentType: row.contentType,
    raw: row.raw,
  });
  const stored = extractedEmailLead.safeParse(row.extracted);
  const guessed: ExtractedEmailLead = stored.success
    ? stored.data
    : (classifyEmailHeuristically(message).extracted ?? extractedEmailLead.parse({ source: "direct_email" }));
  const sender = message.replyTo[0] ?? message.from;
  const extracted = {
    ...guessed,
    email: guessed.email ?? (guessed.source === "direct_email" ? (sender?.address ?? null) : null),
    name: guessed.name ?? (guessed.source === "direct_email" ? (sender?.name ?? null) : null),
    message: guessed.message ?? message.text.slice(0, 5_000),
  };
  if (!extracted.email && !extracted.phone && !extracted.sourceUrl) {
    throw new AppError("bad_request", "E-posten har ingen e-postadresse, telefon eller lenke å svare på");
  }
  const leadId = await ingestEmailLead(
    actor,
    { emailId, messageId: row.messageId },
    {
      by: "manual",
      confidence: 1,
      extracted,
    },
  );
  await withTenant(actor.dealershipId, async (tx) => {
    await tx
      .update(emails)
      .set({
        processingStatus: "processed",
        classification: "sales_inquiry",
        classifiedBy: "manual",
        classificationConfidence: 1,
        extractedData: extracted,
        leadId,
        reason: null,
        errorMessage: null,
        processedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, actor.dealershipId)));
    await recordAudit(tx, auditEntry(actor, "email.create_lead", emailId, { leadId }));
  });
  return { leadId };
}

/** "Ikke et lead": set aside for good; reprocessing is still possible. */
export async function markEmailNotLead(actor: LeadActor, emailId: string): Promise<void> {
  await withTenant(actor.dealershipId, async (tx) => {
    const [row] = await tx
      .update(emails)
      .set({
        processingStatus: "ignored",
        classification: "other",
        classifiedBy: "manual",
        classificationConfidence: 1,
        reason: "Markert som ikke et lead",
        processedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, actor.dealershipId)))
      .returning({ id: emails.id });
    if (!row) throw new AppError("not_found", "E-posten finnes ikke");
    await recordAudit(tx, auditEntry(actor, "email.not_a_lead", emailId));
  });
}

function auditEntry(actor: LeadActor, action: string, emailId: string, data: Record<string, unknown> = {}) {
  return {
    dealershipId: actor.dealershipId,
    actorType: actorTypeOf(actor),
    actorUserId: actor.userId,
    action,
    targetType: "email",
    targetId: emailId,
    data,
  };
}
