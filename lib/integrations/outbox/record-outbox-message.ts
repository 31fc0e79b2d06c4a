import { and, eq } from "drizzle-orm";
import { outboxMessages } from "../../../db/schema/operations.ts";
import { withTenant } from "../../db/tenant.ts";

type OutboxInsert = typeof outboxMessages.$inferInsert;

/**
 * Writes one outgoing message to outbox_messages, idempotently: a repeated idempotency key returns the
 * message already recorded (so a retried job never sends twice).
 */
export async function recordOutboxMessage(
  message: OutboxInsert,
  options: { containsSecret?: boolean } = {},
): Promise<{ id: string; duplicate: boolean }> {
  // Whoever can read the outbox must not be able to use someone else's reset or invitation link. Development
  // keeps the links: with the dev adapter the outbox is the only way to click them.
  if (options.containsSecret && process.env.NODE_ENV === "production") {
    message = {
      ...message,
      bodyText: redactLinks(message.bodyText),
      bodyHtml: message.bodyHtml && redactLinks(message.bodyHtml),
    };
  }
  return withTenant(message.dealershipId, async (tx) => {
    const [inserted] = await tx
      .insert(outboxMessages)
      .values(message)
      .onConflictDoNothing()
      .returning({ id: outboxMessages.id });
    if (inserted) return { id: inserted.id, duplicate: false };
    const [existing] = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.dealershipId, message.dealershipId),
          eq(outboxMessages.idempotencyKey, message.idempotencyKey ?? ""),
        ),
      );
    if (!existing)
      throw new Error("outbox insert conflicted but no message with that idempotency key exists");
    return { id: existing.id, duplicate: true };
  });
}

export function redactLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, "[lenke skjult]");
}
