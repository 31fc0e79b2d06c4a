import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { conversations } from "../../db/schema/conversations.ts";
import type { DeliveryStatus } from "../../db/schema/enums.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { withSystem, type TenantTx } from "../db/tenant.ts";

/**
 * How far along a message is. Vendors deliver status events out of order (Resend's "sent" after "delivered",
 * Twilio's "sent" after "undelivered"), so a status only ever moves up this ladder. The end states share a rung
 * with each other except a complaint, which can follow a delivery or a bounce report.
 */
const RANK: Record<DeliveryStatus, number> = {
  draft: 0,
  // Never handed to a vendor; if it went out anyway (a send already under way), the vendor's word wins.
  cancelled: 0,
  held: 0,
  pending: 1,
  queued: 2,
  sent: 3,
  delivered: 4,
  failed: 5,
  bounced: 5,
  complained: 6,
};

// Our own constants, inlined like oneOf() does: a parameter in CASE … THEN has no type Postgres can infer.
function rankOf(column: AnyPgColumn): SQL {
  const whens = Object.entries(RANK).map(([status, rank]) => `when '${status}' then ${rank}`);
  return sql`(case ${column} ${sql.raw(whens.join(" "))} else -1 end)`;
}

export type OutboxMessageRef = {
  id: string;
  dealershipId: string;
  leadId: string | null;
  channel: "email" | "sms";
  toAddress: string;
};

/**
 * The message a vendor's status event is about. Cross-tenant on purpose: the event names only the vendor's id,
 * and this is how its dealership is found before anything is written under withTenant.
 */
export async function findOutboxMessageByProviderId(
  provider: string,
  providerMessageId: string,
): Promise<OutboxMessageRef | undefined> {
  const [row] = await withSystem((tx) =>
    tx
      .select({
        id: outboxMessages.id,
        dealershipId: outboxMessages.dealershipId,
        leadId: outboxMessages.leadId,
        channel: outboxMessages.channel,
        toAddress: outboxMessages.toAddress,
      })
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.providerMessageId, providerMessageId), eq(outboxMessages.provider, provider)),
      )
      .limit(1),
  );
  return row;
}

/** What a delivery webhook did, for its response and the request log. */
export type HandledDeliveryEvent = {
  status: "applied" | "duplicate" | "ignored";
  dealershipId?: string;
  leadId?: string | null;
};

export type DeliveryUpdate = {
  providerMessageId: string;
  /** Omitted: nothing moves, only `metadata` is recorded (e.g. a delivery delay). */
  status?: DeliveryStatus;
  /** When the vendor saw it happen. */
  at: Date;
  error?: string | null;
  /** Merged into outbox_messages.metadata whether or not the status moves. */
  metadata?: Record<string, unknown>;
};

/**
 * Moves the outbox message and the conversation message(s) carrying this vendor id forward to `status`, never
 * back. Runs in the caller's withTenant transaction. `changed`: the outbox message moved (false for a late,
 * repeated or backward event), so callers act on a bounce once.
 */
export async function applyDeliveryStatus(
  tx: TenantTx,
  update: DeliveryUpdate,
): Promise<{ changed: boolean }> {
  const { dealershipId } = tx;
  if (update.metadata) {
    await tx
      .update(outboxMessages)
      .set({ metadata: sql`${outboxMessages.metadata} || ${JSON.stringify(update.metadata)}::jsonb` })
      .where(
        and(
          eq(outboxMessages.dealershipId, dealershipId),
          eq(outboxMessages.providerMessageId, update.providerMessageId),
        ),
      );
  }
  const status = update.status;
  if (!status) return { changed: false };
  const delivered = status === "delivered" ? update.at : undefined;
  const error = update.error ?? undefined;
  const moved = await tx
    .update(outboxMessages)
    .set({ status, ...(delivered && { deliveredAt: delivered }), ...(error && { error }) })
    .where(
      and(
        eq(outboxMessages.dealershipId, dealershipId),
        eq(outboxMessages.providerMessageId, update.providerMessageId),
        sql`${rankOf(outboxMessages.status)} < ${RANK[status]}`,
      ),
    )
    .returning({ id: outboxMessages.id });
  await tx
    .update(conversations)
    .set({
      deliveryStatus: status,
      ...(delivered && { deliveredAt: delivered }),
      ...(error && { deliveryError: error }),
    })
    .where(
      and(
        eq(conversations.dealershipId, dealershipId),
        eq(conversations.providerMessageId, update.providerMessageId),
        sql`${rankOf(conversations.deliveryStatus)} < ${RANK[status]}`,
      ),
    );
  return { changed: moved.length > 0 };
}
