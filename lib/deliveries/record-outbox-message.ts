import { OUTBOX_PROVIDER } from "../integrations/mailer/mailer.ts";
import { and, eq } from "drizzle-orm";
import type { DeliveryStatus } from "../../db/schema/enums.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import type { TenantTx } from "../db/tenant.ts";

/** An outbox row as a sender describes it; the dealership comes from the transaction. */
export type OutboxRecord = Omit<typeof outboxMessages.$inferInsert, "dealershipId">;

export type RecordedOutboxMessage = {
  id: string;
  duplicate: boolean;
  /** The stored row's state: for a duplicate, what the first call left (a vendor send resumes from it). */
  status: DeliveryStatus;
  providerMessageId: string | null;
};

/**
 * Writes one outgoing message to outbox_messages in the caller's transaction, idempotently: a repeated
 * idempotency key returns the message already recorded (so a retried job never sends twice).
 */
export async function recordOutboxMessage(
  tx: TenantTx,
  message: OutboxRecord,
  options: { containsSecret?: boolean } = {},
): Promise<RecordedOutboxMessage> {
  const { dealershipId } = tx;
  // Whoever can read the outbox must not be able to use someone else's reset or invitation link or phone code.
  // Kept when nothing is really sent (the dev adapter: the outbox row is the only way to click or read them).
  if (
    options.containsSecret &&
    process.env.NODE_ENV === "production" &&
    message.provider !== OUTBOX_PROVIDER
  ) {
    message = {
      ...message,
      bodyText: redactSecrets(message.bodyText),
      bodyHtml: message.bodyHtml && redactSecrets(message.bodyHtml),
    };
  }
  const columns = {
    id: outboxMessages.id,
    status: outboxMessages.status,
    providerMessageId: outboxMessages.providerMessageId,
  };
  const [inserted] = await tx
    .insert(outboxMessages)
    .values({ ...message, dealershipId })
    .onConflictDoNothing()
    .returning(columns);
  if (inserted) return { ...inserted, duplicate: false };
  const [existing] = await tx
    .select(columns)
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.dealershipId, dealershipId),
        eq(outboxMessages.idempotencyKey, message.idempotencyKey ?? ""),
      ),
    );
  if (!existing) throw new Error("outbox insert conflicted but no message with that idempotency key exists");
  return { ...existing, duplicate: true };
}

export function redactLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, "[lenke skjult]");
}

/** Links and one-time codes (4–8 digits standing alone, as in a phone verification SMS). */
export function redactSecrets(text: string): string {
  return redactLinks(text).replace(/(?<![\d\w])\d{4,8}(?![\d\w])/g, "[kode skjult]");
}
