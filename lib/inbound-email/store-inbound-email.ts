import { and, eq } from "drizzle-orm";
import { emails } from "../../db/schema/emails.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import type { InboundEnvelope, InboundPayload } from "./read-inbound-payload.ts";

export type StoredEmail = { emailId: string; status: "stored" | "duplicate" };

/**
 * Stores a received e-mail and its `email.process` job in one transaction, before anyone answers the sender:
 * what we acknowledged is never lost. A second delivery of the same Message-ID (SendGrid retries, the same mail
 * forwarded twice) returns the first row and enqueues nothing.
 */
export async function storeInboundEmail(
  tenant: Tenant,
  payload: InboundPayload,
  envelope: InboundEnvelope,
): Promise<StoredEmail> {
  const { dealershipId } = tenant;
  return withTenant(dealershipId, async (tx) => {
    const [inserted] = await tx
      .insert(emails)
      .values({
        dealershipId,
        messageId: envelope.messageId.slice(0, 998),
        fromEmail: envelope.from?.address.slice(0, 254) ?? "",
        fromName: envelope.from?.name?.slice(0, 200) ?? null,
        recipients: envelope.recipients.slice(0, 50),
        subject: envelope.subject?.slice(0, 500) ?? null,
        intake: payload.intake,
        rawContentType: payload.contentType.slice(0, 300),
        raw: payload.raw,
        sizeBytes: payload.raw.length,
        receivedAt: new Date(),
      })
      .onConflictDoNothing({ target: [emails.dealershipId, emails.messageId] })
      .returning({ id: emails.id });
    if (inserted) {
      await enqueue("email.process", { emailId: inserted.id, dealershipId }, { tx });
      return { emailId: inserted.id, status: "stored" };
    }
    const [existing] = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(
        and(eq(emails.dealershipId, dealershipId), eq(emails.messageId, envelope.messageId.slice(0, 998))),
      );
    return { emailId: existing!.id, status: "duplicate" };
  });
}
