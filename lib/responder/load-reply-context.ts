import { and, asc, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Tx } from "../db/tenant.ts";
import { describeWhenWeCall, isOpenAt } from "./business-hours.ts";
import { matchVehicles } from "./match-vehicles.ts";
import type { ReplyContext, ReplyVehicle } from "./reply-types.ts";

/** More than enough for a dealership's stock; matching runs in memory on this list. */
const INVENTORY_LIMIT = 2_000;
/** How many matching cars a responder sees: the few best, so the prompt stays small and on topic. */
const MATCHES_SHOWN = 5;

/** Everything the responders may use about a lead, read in the caller's tenant transaction. Null: no such lead. */
export async function loadReplyContext(tx: Tx, dealershipId: string, leadId: string, now = new Date()) {
  const [row] = await tx
    .select({ lead: leads, dealership: dealerships })
    .from(leads)
    .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  if (!row) return null;
  const { lead, dealership } = row;
  const [rep] = lead.assignedTo
    ? await tx
        .select({ name: users.name, isActive: users.isActive })
        .from(users)
        .where(and(eq(users.id, lead.assignedTo), eq(users.dealershipId, dealershipId)))
    : [];
  const inventory: ReplyVehicle[] = await tx
    .select({
      id: vehicles.id,
      make: vehicles.make,
      model: vehicles.model,
      variant: vehicles.variant,
      year: vehicles.year,
      priceNok: vehicles.priceNok,
      mileageKm: vehicles.mileageKm,
      fuelType: vehicles.fuelType,
      transmission: vehicles.transmission,
      status: vehicles.status,
      listingUrl: vehicles.listingUrl,
    })
    .from(vehicles)
    .where(eq(vehicles.dealershipId, dealershipId))
    .limit(INVENTORY_LIMIT);
  const history = await tx
    .select({
      direction: conversations.direction,
      senderType: conversations.senderType,
      content: conversations.messageContent,
      at: conversations.createdAt,
    })
    .from(conversations)
    .where(and(eq(conversations.leadId, leadId), eq(conversations.dealershipId, dealershipId)))
    .orderBy(asc(conversations.createdAt))
    .limit(20);

  const context: ReplyContext = {
    dealership: {
      name: dealership.name,
      phone: dealership.phone,
      email: dealership.email,
      address: dealership.address,
      city: dealership.city,
      timezone: dealership.timezone,
      businessHours: dealership.businessHours,
      signature: dealership.branding.emailSignature?.trim() || null,
    },
    lead: {
      customerName: lead.customerName,
      vehicleInterest: lead.vehicleInterest,
      message: lead.initialMessage,
      source: lead.source,
    },
    vehicles: matchVehicles(lead.vehicleInterest, lead.initialMessage, inventory).slice(0, MATCHES_SHOWN),
    // The first inbound message is lead.message already; the rest is the thread so far.
    conversation: history.filter((m, i) => !(i === 0 && m.direction === "inbound")),
    repName: rep?.name ?? null,
    now,
    openNow: isOpenAt(now, dealership.businessHours, dealership.timezone),
    whenWeCall: describeWhenWeCall(now, dealership.businessHours, dealership.timezone),
  };
  return { context, lead, dealership, repIsActive: rep?.isActive ?? false };
}
