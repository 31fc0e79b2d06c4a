import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { TenantTx } from "../db/tenant.ts";
import { hoursConfigOf, isOpenAt } from "../business-hours/opening-hours.ts";
import { describeClosedToday, describeWhenWeCall } from "./business-hours.ts";
import { readLead } from "./read-lead.ts";
import { searchStock, vehiclesForReply } from "./search-stock.ts";
import type { ReplyContext, ReplyVehicle } from "./reply-types.ts";

/** More than enough for a dealership's stock; matching runs in memory on this list. */
const INVENTORY_LIMIT = 2_000;

/** Marks the conversation row that is the lead's first automatic reply (one per lead, ever). */
export const FIRST_REPLY = "first_reply";

/** Everything the responders may use about a lead, read in the caller's tenant transaction. Null: no such lead. */
export async function loadReplyContext(tx: TenantTx, leadId: string, now = new Date()) {
  const { dealershipId } = tx;
  // One round trip for the lead, its dealership, its rep and whether it has had its first reply.
  const [row] = await tx
    .select({
      lead: leads,
      dealership: dealerships,
      rep: { name: users.name, isActive: users.isActive },
      answered: sql<boolean>`exists (select 1 from ${conversations} where ${conversations.leadId} = ${leads.id}
        and ${conversations.dealershipId} = ${leads.dealershipId} and ${conversations.metadata}->>'kind' = ${FIRST_REPLY})`,
    })
    .from(leads)
    .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
    .leftJoin(users, and(eq(users.id, leads.assignedTo), eq(users.dealershipId, leads.dealershipId)))
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  if (!row) return null;
  const { lead, dealership, rep, answered } = row;
  const hours = hoursConfigOf(dealership);
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
      bodyType: vehicles.bodyType,
      drivetrain: vehicles.drivetrain,
      seats: vehicles.seats,
      rangeKm: vehicles.rangeKm,
      towbar: vehicles.towbar,
    })
    .from(vehicles)
    .where(and(eq(vehicles.dealershipId, dealershipId), isNull(vehicles.deletedAt)))
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

  const facts = readLead({ vehicleInterest: lead.vehicleInterest, message: lead.initialMessage });
  const stock = searchStock(
    facts,
    { vehicleInterest: lead.vehicleInterest, message: lead.initialMessage },
    inventory,
  );
  const leadText = { vehicleInterest: lead.vehicleInterest, message: lead.initialMessage };
  const shown = vehiclesForReply(stock, leadText, inventory);
  const context: ReplyContext = {
    dealership: {
      name: dealership.name,
      phone: dealership.phone,
      email: dealership.email,
      address: dealership.address,
      city: dealership.city,
      timezone: dealership.timezone,
      businessHours: dealership.businessHours,
      specialDays: dealership.specialDays,
      observePublicHolidays: dealership.observePublicHolidays,
      signature: dealership.branding.emailSignature?.trim() || null,
      addressForm: dealership.aiAddressForm,
      extraInstructions: dealership.aiExtraInstructions?.trim() || null,
      serviceEmail: dealership.serviceEmail,
      servicePhone: dealership.servicePhone,
    },
    lead: {
      customerName: lead.customerName,
      vehicleInterest: lead.vehicleInterest,
      message: lead.initialMessage,
      source: lead.source,
    },
    vehicles: shown,
    facts,
    stock,
    // The first inbound message is lead.message already; the rest is the thread so far.
    conversation: history.filter((m, i) => !(i === 0 && m.direction === "inbound")),
    repName: rep?.name ?? null,
    now,
    openNow: isOpenAt(hours, now),
    whenWeCall: describeWhenWeCall(now, hours),
    closedToday: describeClosedToday(now, hours),
  };
  return { context, lead, dealership, repIsActive: rep?.isActive ?? false, answered, inventory };
}
