import { and, eq, sql } from "drizzle-orm";
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

type HistoryRow = {
  direction: "inbound" | "outbound";
  senderType: string;
  content: string;
  at: string;
};

/** Everything the responders may use about a lead, read in the caller's tenant transaction. Null: no such lead. */
export async function loadReplyContext(tx: TenantTx, leadId: string, now = new Date()) {
  const { dealershipId } = tx;
  // One round trip for the lead, its dealership, its rep, whether it has had its first reply, the stock and the
  // thread so far (the last two as JSON): every round trip costs the worker more CPU than these reads themselves
  // (bench:ingest, where the worker runs beside the webhook).
  const [row] = await tx
    .select({
      lead: leads,
      dealership: dealerships,
      rep: { name: users.name, isActive: users.isActive },
      answered: sql<boolean>`exists (select 1 from ${conversations} where ${conversations.leadId} = ${leads.id}
        and ${conversations.dealershipId} = ${leads.dealershipId} and ${conversations.metadata}->>'kind' = ${FIRST_REPLY})`,
      inventory: sql<ReplyVehicle[]>`(select coalesce(json_agg(json_build_object(
          'id', v.id, 'make', v.make, 'model', v.model, 'variant', v.variant, 'year', v.year,
          'priceNok', v.price_nok, 'mileageKm', v.mileage_km, 'fuelType', v.fuel_type,
          'transmission', v.transmission, 'status', v.status, 'listingUrl', v.listing_url,
          'bodyType', v.body_type, 'drivetrain', v.drivetrain, 'seats', v.seats, 'rangeKm', v.range_km,
          'towbar', v.towbar)), '[]'::json)
        from (select * from ${vehicles} where ${vehicles.dealershipId} = ${leads.dealershipId}
                and ${vehicles.deletedAt} is null limit ${INVENTORY_LIMIT}) v)`,
      history: sql<HistoryRow[]>`(select coalesce(json_agg(json_build_object(
          'direction', m.direction, 'senderType', m.sender_type, 'content', m.message_content,
          'at', m.created_at) order by m.created_at), '[]'::json)
        from (select * from ${conversations} where ${conversations.leadId} = ${leads.id}
                and ${conversations.dealershipId} = ${leads.dealershipId}
               order by ${conversations.createdAt} limit 20) m)`,
    })
    .from(leads)
    .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
    .leftJoin(users, and(eq(users.id, leads.assignedTo), eq(users.dealershipId, leads.dealershipId)))
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  if (!row) return null;
  const { lead, dealership, rep, answered, inventory } = row;
  const history = row.history.map((m) => ({ ...m, at: new Date(m.at) }));
  const hours = hoursConfigOf(dealership);

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
