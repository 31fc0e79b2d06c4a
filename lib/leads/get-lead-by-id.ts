import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

/** One lead with its conversation, or null: another dealership's id looks exactly like a missing one. */
export function getLeadById(tenant: Tenant, leadId: string) {
  return withTenant(tenant.dealershipId, (tx) => selectLeadWithConversation(tx, leadId));
}

/** `getLeadById` inside the caller's transaction. */
export async function selectLeadWithConversation(tx: TenantTx, leadId: string) {
  const { dealershipId } = tx;
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  if (!lead) return null;
  const messages = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.leadId, leadId), eq(conversations.dealershipId, dealershipId)))
    .orderBy(asc(conversations.createdAt));
  return {
    lead,
    conversations: messages.map((m) => ({ ...m, citedVehicleIds: citedVehicleIdsOf(m.metadata) })),
  };
}

const uuid = z.uuid();

/**
 * The cars an AI reply talked about (metadata.citedVehicleIds, written by the responder), [] for every other
 * message. metadata is free-form jsonb, so anything that is not a vehicle id is dropped rather than passed on.
 */
export function citedVehicleIdsOf(metadata: Record<string, unknown>): string[] {
  const cited = metadata.citedVehicleIds;
  if (!Array.isArray(cited)) return [];
  return cited.filter((id): id is string => uuid.safeParse(id).success);
}
