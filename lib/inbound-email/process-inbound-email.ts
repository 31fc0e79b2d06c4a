import { and, eq, inArray } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { emails } from "../../db/schema/emails.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { readLeadReplyAddress } from "../email/lead-reply-address.ts";
import { ingestLead } from "../leads/ingest-lead.ts";
import { classifyInboundEmail, type EmailDecision } from "./classify-inbound-email.ts";
import { URGENCY_SCORES, type ExtractedEmailLead, type InboundMessage } from "./inbound-message.ts";
import { prefilterEmail } from "./parsers/prefilter-email.ts";
import { readInboundMessage } from "./read-inbound-payload.ts";
import { threadCustomerReply } from "./thread-customer-reply.ts";
import { getLogger } from "../log/logger.ts";

export type ProcessOutcome =
  | { status: "skipped"; reason: string }
  | { status: "processed" | "ignored" | "failed"; classification?: string | null; leadId?: string | null };

/**
 * The `email.process` job: read the stored e-mail, then either thread it into a lead's conversation (a reply to
 * reply+<token>), set it aside (pre-filter, spam, other), put it on the triage list (uncertain), or hand it to
 * ingestLead (sales inquiry → the normal reply). Safe to run twice: a processed e-mail is skipped, and the lead
 * is keyed on the Message-ID. Anything that throws marks the e-mail failed with its error, for a person to
 * reprocess; only if even that cannot be written does the job fail (and pg-boss retries it).
 */
export async function processInboundEmail(
  tenant: Tenant,
  { emailId }: { emailId: string },
  options: { signal?: AbortSignal } = {},
): Promise<ProcessOutcome> {
  const { dealershipId } = tenant;
  // No separate "processing" write: pg-boss runs one job at a time per e-mail, and a second run (a reprocess
  // queued meanwhile) is harmless — the lead is keyed on the Message-ID and a reply is threaded once.
  const loaded = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({
        intake: emails.intake,
        contentType: emails.rawContentType,
        raw: emails.raw,
        recipients: emails.recipients,
        messageId: emails.messageId,
        attempts: emails.attempts,
      })
      .from(emails)
      .where(
        and(
          eq(emails.id, emailId),
          eq(emails.dealershipId, dealershipId),
          inArray(emails.processingStatus, ["pending", "processing"]),
        ),
      );
    if (!row) return null;
    const [dealership] = await tx
      .select({ settings: dealerships.emailIntegrationSettings })
      .from(dealerships)
      .where(eq(dealerships.id, dealershipId));
    return { ...row, settings: dealership?.settings ?? {} };
  });
  if (!loaded) return { status: "skipped", reason: "not_pending" };

  let message: InboundMessage | undefined;
  try {
    message = await readInboundMessage({
      intake: loaded.intake,
      contentType: loaded.contentType,
      raw: loaded.raw,
    });
    const replyLeadId = findReplyLeadId(message, loaded.recipients);
    // An out-of-office or a bounce answering our e-mail is not the customer talking: set it aside.
    const automatic = replyLeadId ? prefilterEmail(message, loaded.settings) : null;
    if (automatic && (automatic.verdict === "auto_reply" || automatic.verdict === "bounce")) {
      await recordOutcome(dealershipId, emailId, message, {
        processingStatus: "ignored",
        classification: "other",
        classifiedBy: "prefilter",
        classificationConfidence: 1,
        reason: `${automatic.verdict}: ${automatic.reason} (to the reply address of lead ${replyLeadId})`,
        errorMessage: null,
      });
      return { status: "ignored", classification: "other", leadId: null };
    }
    if (replyLeadId) {
      const threaded = await threadCustomerReply(tenant, { leadId: replyLeadId, emailId, message });
      if (threaded) {
        await recordOutcome(dealershipId, emailId, message, {
          processingStatus: "processed",
          classification: "reply",
          classifiedBy: "reply",
          classificationConfidence: 1,
          leadId: replyLeadId,
          reason: null,
        });
        return { status: "processed", classification: "reply", leadId: replyLeadId };
      }
      // A token for a lead that is gone (deleted, GDPR): read it like any other mail.
    }
    const decision = await classifyInboundEmail(
      { dealershipId },
      { message, settings: loaded.settings, emailId },
      options,
    );
    const leadId =
      decision.kind === "lead"
        ? await ingestEmailLead({ dealershipId }, { emailId, messageId: loaded.messageId }, decision)
        : null;
    await recordOutcome(dealershipId, emailId, message, outcomeColumns(decision, leadId));
    return {
      status: decision.kind === "ignored" ? "ignored" : "processed",
      classification:
        decision.kind === "ignored"
          ? decision.classification
          : decision.kind === "lead"
            ? "sales_inquiry"
            : "uncertain",
      leadId,
    };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    getLogger("email").error({ err }, `processing e-mail ${emailId} failed`);
    const failed = {
      processingStatus: "failed" as const,
      errorMessage: error.slice(0, 2_000),
      attempts: loaded.attempts + 1,
    };
    try {
      await recordOutcome(dealershipId, emailId, message, failed);
    } catch (recordErr) {
      // What was read may be what the database refuses: record the failure without it, so the e-mail is final.
      if (!message) throw recordErr;
      getLogger("email").error({ err: recordErr }, `e-mail ${emailId}: recording the parsed message failed`);
      await recordOutcome(dealershipId, emailId, undefined, failed);
    }
    return { status: "failed" };
  }
}

/** The lead a reply+<token> recipient names (SMTP envelope or To/Cc), if any. */
function findReplyLeadId(message: InboundMessage, recipients: string[]): string | null {
  const candidates = [
    ...recipients,
    ...message.to.map((a) => a.address),
    ...message.cc.map((a) => a.address),
  ];
  for (const address of candidates) {
    const leadId = readLeadReplyAddress(address);
    if (leadId) return leadId;
  }
  return null;
}

/**
 * The sales inquiry as a lead (source `email`): the normal reply follows, to the customer's own address only.
 * Keyed on the ADF prospect id when there is one (the same lead forwarded twice), else on the Message-ID.
 */
export async function ingestEmailLead(
  tenant: Tenant,
  email: { emailId: string; messageId: string },
  decision: { by: string; confidence: number; extracted: ExtractedEmailLead },
): Promise<string> {
  const { dealershipId } = tenant;
  const { emailId, messageId } = email;
  const lead = decision.extracted;
  const result = await ingestLead(
    { dealershipId },
    {
      source: "email",
      name: lead.name ?? undefined,
      email: lead.email ?? undefined,
      phone: lead.phone ?? undefined,
      vehicleInterest: lead.vehicleInterest ?? undefined,
      message: lead.message ?? undefined,
      sourceUrl: lead.sourceUrl ?? undefined,
      externalId: decision.by === "adf" && lead.externalId ? `adf:${lead.externalId}` : messageId,
      leadScore: URGENCY_SCORES[lead.urgency],
      // FINN: the buyer wrote on FINN and is answered there, by a person (the rep is texted about the lead).
      aiPaused: !lead.replyByEmail,
      metadata: {
        emailId,
        messageId,
        portal: lead.source,
        parser: decision.by,
        confidence: decision.confidence,
        urgency: lead.urgency,
        ...(lead.externalId && { reference: lead.externalId }),
        ...(!lead.replyByEmail && { answerOn: lead.sourceUrl ?? lead.source }),
      },
    },
  );
  return result.leadId;
}

function outcomeColumns(decision: EmailDecision, leadId: string | null): Partial<typeof emails.$inferInsert> {
  const common = {
    classifiedBy: decision.by,
    classificationConfidence: decision.confidence,
    reason: decision.reason ?? null,
    errorMessage: null,
  };
  if (decision.kind === "ignored") {
    return {
      ...common,
      processingStatus: "ignored",
      classification: decision.classification,
      extractedData: null,
    };
  }
  return {
    ...common,
    processingStatus: "processed",
    classification: decision.kind === "lead" ? "sales_inquiry" : "uncertain",
    extractedData: decision.extracted,
    leadId,
  };
}

/** Writes the outcome and what was read from the payload (bodies, headers, attachment list) for the dashboard. */
async function recordOutcome(
  dealershipId: string,
  emailId: string,
  message: InboundMessage | undefined,
  columns: Partial<typeof emails.$inferInsert>,
): Promise<void> {
  const now = new Date();
  await withTenant(dealershipId, (tx) =>
    tx
      .update(emails)
      .set({
        ...columns,
        ...(message && {
          bodyText: message.text.slice(0, 200_000),
          bodyHtml: message.html?.slice(0, 1_000_000) ?? null,
          headers: message.headers,
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: a.size,
          })),
          authResults: message.auth,
          ...(message.from && { fromEmail: message.from.address, fromName: message.from.name }),
          subject: message.subject.slice(0, 500) || null,
        }),
        processedAt: now,
        updatedAt: now,
      })
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, dealershipId))),
  );
}

/**
 * The last word when the `email.process` job fails for good (retries used up, or its worker kept dying): an
 * e-mail still pending or processing is marked failed with the reason, so it shows under E-post with
 * "Behandle på nytt" instead of staying pending forever.
 */
export async function markEmailFailed(
  tenant: Tenant,
  input: { emailId: string; reason: string },
): Promise<boolean> {
  const now = new Date();
  const updated = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .update(emails)
      .set({
        processingStatus: "failed",
        errorMessage: `Behandlingen feilet for godt: ${input.reason}`.slice(0, 2_000),
        processedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(emails.id, input.emailId),
          eq(emails.dealershipId, tenant.dealershipId),
          inArray(emails.processingStatus, ["pending", "processing"]),
        ),
      )
      .returning({ id: emails.id }),
  );
  return updated.length > 0;
}
