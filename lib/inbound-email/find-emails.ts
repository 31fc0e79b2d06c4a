import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { emails } from "../../db/schema/emails.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { emailListQuery, type EmailListQuery } from "./schemas.ts";

/** One page of the dealership's received e-mail, newest first, with the filter's total. Never the raw payload. */
export async function findEmailPage(tenant: Tenant, rawQuery: EmailListQuery = {}) {
  const { dealershipId } = tenant;
  const query = emailListQuery.parse(rawQuery);
  const where: SQL | undefined = and(
    eq(emails.dealershipId, dealershipId),
    query.status ? eq(emails.processingStatus, query.status) : undefined,
    query.classification ? eq(emails.classification, query.classification) : undefined,
  );
  return withTenant(dealershipId, async (tx) => {
    const rows = await tx
      .select({
        id: emails.id,
        fromEmail: emails.fromEmail,
        fromName: emails.fromName,
        subject: emails.subject,
        processingStatus: emails.processingStatus,
        classification: emails.classification,
        classificationConfidence: emails.classificationConfidence,
        classifiedBy: emails.classifiedBy,
        reason: emails.reason,
        leadId: emails.leadId,
        intake: emails.intake,
        sizeBytes: emails.sizeBytes,
        receivedAt: emails.receivedAt,
        processedAt: emails.processedAt,
      })
      .from(emails)
      .where(where)
      .orderBy(desc(emails.receivedAt), desc(emails.id))
      .limit(query.limit)
      .offset(query.offset);
    const [total] = await tx.select({ n: count() }).from(emails).where(where);
    return { emails: rows, total: total?.n ?? 0, limit: query.limit, offset: query.offset };
  });
}

export type EmailListItem = Awaited<ReturnType<typeof findEmailPage>>["emails"][number];

/** One e-mail with what was read from it (bodies, headers, attachment list, extraction), or null (other tenant too). */
export async function getEmailById(tenant: Tenant, emailId: string) {
  const { dealershipId } = tenant;
  const [row] = await withTenant(dealershipId, (tx) =>
    tx
      .select({
        id: emails.id,
        messageId: emails.messageId,
        fromEmail: emails.fromEmail,
        fromName: emails.fromName,
        recipients: emails.recipients,
        subject: emails.subject,
        bodyText: emails.bodyText,
        bodyHtml: emails.bodyHtml,
        headers: emails.headers,
        attachments: emails.attachments,
        authResults: emails.authResults,
        intake: emails.intake,
        sizeBytes: emails.sizeBytes,
        processingStatus: emails.processingStatus,
        classification: emails.classification,
        classificationConfidence: emails.classificationConfidence,
        classifiedBy: emails.classifiedBy,
        reason: emails.reason,
        extractedData: emails.extractedData,
        errorMessage: emails.errorMessage,
        attempts: emails.attempts,
        leadId: emails.leadId,
        receivedAt: emails.receivedAt,
        processedAt: emails.processedAt,
      })
      .from(emails)
      .where(and(eq(emails.id, emailId), eq(emails.dealershipId, dealershipId))),
  );
  return row ?? null;
}

export type EmailDetail = NonNullable<Awaited<ReturnType<typeof getEmailById>>>;
