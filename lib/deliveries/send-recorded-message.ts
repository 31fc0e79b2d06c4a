import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { DeliveryStatus } from "../../db/schema/enums.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { OUTBOX_PROVIDER } from "../integrations/mailer/mailer.ts";
import { recordOutboxMessage, type OutboxRecord } from "./record-outbox-message.ts";

type OutboxInsert = typeof outboxMessages.$inferInsert;

/** The outcome of one send as callers see it: our row, the vendor's id, and whether an earlier call sent it. */
export type SentMessage = { outboxId: string; providerMessageId: string | null; duplicate: boolean };

/** What a port said when it took the message. */
export type ProviderReceipt = {
  /** Null from a dev adapter: nothing left the machine. */
  providerMessageId: string | null;
  status: DeliveryStatus;
  metadata?: Record<string, unknown>;
};

/** The message as the caller describes it; status, provider id and timestamps belong to this module. */
export type OutgoingRecord = Omit<
  OutboxRecord,
  "id" | "status" | "providerMessageId" | "error" | "metadata" | "sentAt" | "deliveredAt" | "createdAt"
>;

// An attempt that has not settled after this long is taken to have died (vendor timeouts are 15 s): a retry may
// claim the message again. Shorter would let a slow first attempt and its retry both reach the vendor.
const LEASE_SECONDS = 120;
// States in which the message may (again) go to the vendor. `pending` only once its lease has run out.
const RESENDABLE: DeliveryStatus[] = ["failed", "held", "draft"];

/**
 * The delivery ledger's discipline around a port's send: the message is recorded in outbox_messages first (a
 * durable trace even if the process dies mid-send), a message the vendor has already accepted is never handed
 * over again, and a failure is recorded and rethrown so the job retries with backoff.
 *
 * Resend also dedupes on its Idempotency-Key, so a crash between its answer and our update costs nothing. Twilio
 * has no such key: there, only that window (milliseconds, after a lease of LEASE_SECONDS) can yield a second SMS.
 *
 * The dev adapters send nothing, so their row is the whole message: written once, already settled.
 */
export async function sendRecordedMessage(
  tenant: Tenant,
  message: OutgoingRecord,
  deliver: (outboxId: string) => Promise<ProviderReceipt>,
  options: { containsSecret?: boolean } = {},
): Promise<SentMessage> {
  const { dealershipId } = tenant;
  if (message.provider === OUTBOX_PROVIDER) return recordDevMessage(tenant, message, deliver, options);
  const recorded = await withTenant(dealershipId, (tx) =>
    recordOutboxMessage(
      tx,
      {
        ...message,
        status: "pending",
        // The app's clock, compared with the database's in claimForRetry: a skew of seconds against a 2-minute lease.
        metadata: { sendingSince: new Date().toISOString(), attempts: 1 },
      },
      options,
    ),
  );
  if (recorded.duplicate) {
    const settled = isSettled(recorded) ? recorded : await claimForRetry(dealershipId, recorded.id);
    if (settled)
      return { outboxId: settled.id, providerMessageId: settled.providerMessageId, duplicate: true };
  }
  let receipt: ProviderReceipt;
  try {
    receipt = await deliver(recorded.id);
  } catch (err) {
    await settle(dealershipId, recorded.id, {
      status: "failed",
      error: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
    });
    throw err;
  }
  await settle(
    dealershipId,
    recorded.id,
    {
      status: receipt.status,
      providerMessageId: receipt.providerMessageId,
      sentAt: new Date(),
      error: null,
    },
    receipt.metadata,
  );
  return { outboxId: recorded.id, providerMessageId: receipt.providerMessageId, duplicate: false };
}

/** One statement, as the dev adapters always wrote: a retry with the same key finds the row and sends nothing. */
async function recordDevMessage(
  tenant: Tenant,
  message: OutgoingRecord,
  deliver: (outboxId: string) => Promise<ProviderReceipt>,
  options: { containsSecret?: boolean },
): Promise<SentMessage> {
  const id = randomUUID();
  const receipt = await deliver(id);
  const recorded = await withTenant(tenant.dealershipId, (tx) =>
    recordOutboxMessage(
      tx,
      {
        ...message,
        id,
        status: receipt.status,
        providerMessageId: receipt.providerMessageId,
        ...(receipt.metadata && { metadata: receipt.metadata }),
        sentAt: new Date(),
      },
      options,
    ),
  );
  return {
    outboxId: recorded.id,
    providerMessageId: recorded.providerMessageId,
    duplicate: recorded.duplicate,
  };
}

type RowState = { id: string; status: DeliveryStatus; providerMessageId: string | null };

/** The vendor has it (or the dev outbox stood in for it): sending again would be a second message. */
const isSettled = (row: RowState) =>
  row.providerMessageId !== null || !(RESENDABLE.includes(row.status) || row.status === "pending");

/**
 * Takes a recorded but unsent message for this attempt. Null: ours to send. A row: someone else settled it
 * meanwhile. Throws while another attempt holds the lease, so the job comes back after it.
 */
async function claimForRetry(dealershipId: string, id: string): Promise<RowState | null> {
  return withTenant(dealershipId, async (tx) => {
    const sendingSince = sql`(${outboxMessages.metadata}->>'sendingSince')::timestamptz`;
    const [claimed] = await tx
      .update(outboxMessages)
      .set({
        status: "pending",
        metadata: sql`${outboxMessages.metadata} || jsonb_build_object('sendingSince', now(), 'attempts', coalesce((${outboxMessages.metadata}->>'attempts')::int, 0) + 1)`,
      })
      .where(
        and(
          eq(outboxMessages.id, id),
          eq(outboxMessages.dealershipId, dealershipId),
          isNull(outboxMessages.providerMessageId),
          or(
            inArray(outboxMessages.status, RESENDABLE),
            and(
              eq(outboxMessages.status, "pending"),
              sql`(${sendingSince} is null or ${sendingSince} < now() - make_interval(secs => ${LEASE_SECONDS}))`,
            ),
          ),
        ),
      )
      .returning({ id: outboxMessages.id });
    if (claimed) return null;
    const [row] = await tx
      .select({
        id: outboxMessages.id,
        status: outboxMessages.status,
        providerMessageId: outboxMessages.providerMessageId,
      })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.dealershipId, dealershipId)));
    if (row && isSettled(row)) return row;
    throw new Error(`outbox message ${id} is being sent by another attempt; try again later`);
  });
}

async function settle(
  dealershipId: string,
  id: string,
  set: Partial<OutboxInsert>,
  metadata: Record<string, unknown> = {},
) {
  await withTenant(dealershipId, (tx) =>
    tx
      .update(outboxMessages)
      .set({
        ...set,
        metadata: sql`(${outboxMessages.metadata} - 'sendingSince') || ${JSON.stringify(metadata)}::jsonb`,
      })
      // Never overwrite what a vendor already accepted (a late failure of a superseded attempt).
      .where(
        and(
          eq(outboxMessages.id, id),
          eq(outboxMessages.dealershipId, dealershipId),
          isNull(outboxMessages.providerMessageId),
        ),
      ),
  );
}
