import { and, eq, or, type SQL } from "drizzle-orm";
import { suppressions } from "../../db/schema/operations.ts";
import type { TenantTx } from "../db/tenant.ts";
import { normaliseEmail, normalisePhone } from "../leads/normalise-contact.ts";
import { hashSuppressionAddress } from "./hash-suppression-address.ts";

export type SuppressedChannels = { email: boolean; sms: boolean };

/**
 * Which channels the dealership must not use to reach this person, checked in the caller's transaction right
 * before a send. An e-mail address unsubscribed by its owner stops SMS as well ("for all channels"), also to
 * phone numbers the person gives later; a bounce or complaint stops only e-mail, an erasure every channel.
 * Addresses in any spelling; the list holds their keyed hashes (hash-suppression-address.ts).
 */
export async function isSuppressed(
  tx: TenantTx,
  contact: { email?: string | null; phone?: string | null },
): Promise<SuppressedChannels> {
  const { dealershipId } = tx;
  const email = normaliseEmail(contact.email);
  const phone = normalisePhone(contact.phone);
  const matches: SQL[] = [];
  if (email)
    matches.push(
      and(
        eq(suppressions.channel, "email"),
        eq(suppressions.address, hashSuppressionAddress("email", email)),
      )!,
    );
  if (phone)
    matches.push(
      and(eq(suppressions.channel, "sms"), eq(suppressions.address, hashSuppressionAddress("sms", phone)))!,
    );
  if (matches.length === 0) return { email: false, sms: false };

  const rows = await tx
    .select({ channel: suppressions.channel, reason: suppressions.reason })
    .from(suppressions)
    .where(and(eq(suppressions.dealershipId, dealershipId), or(...matches)));
  const emailRows = rows.filter((r) => r.channel === "email");
  return {
    email: emailRows.length > 0,
    sms:
      rows.some((r) => r.channel === "sms") ||
      emailRows.some((r) => r.reason === "unsubscribe" || r.reason === "erasure"),
  };
}
