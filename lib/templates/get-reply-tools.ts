import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Session } from "../auth/session-types.ts";
import { getDayHours, hoursConfigOf, type MinuteInterval } from "../business-hours/opening-hours.ts";
import { zonedToday } from "../dates/time-zone.ts";
import { withTenant } from "../db/tenant.ts";
import { selectDealership } from "../dealerships/get-dealership.ts";
import type { ReplyCar } from "./describe-car-for-reply.ts";
import { firstNameOf, type TemplateVariables } from "./fill-template.ts";
import { selectReplyTemplates } from "./list-reply-templates.ts";

/** How many cars the "insert a car" picker offers (the dealer's whole stock for sale, in practice). */
const MAX_CARS = 500;

/**
 * What the reply form needs besides the lead: the dealership's templates, the cars for sale (only `available`,
 * not deleted) and the values of the template variables for this lead and this rep, read in one transaction.
 */
export function getReplyTools(
  session: Session,
  lead: { customerName: string | null; carName: string | null },
  now = new Date(),
) {
  return withTenant(session.dealershipId, async (tx) => {
    const templates = await selectReplyTemplates(tx);
    const cars: ReplyCar[] = await tx
      .select({
        id: vehicles.id,
        make: vehicles.make,
        model: vehicles.model,
        variant: vehicles.variant,
        year: vehicles.year,
        mileageKm: vehicles.mileageKm,
        priceNok: vehicles.priceNok,
        listingUrl: vehicles.listingUrl,
      })
      .from(vehicles)
      .where(
        and(
          eq(vehicles.dealershipId, tx.dealershipId),
          eq(vehicles.status, "available"),
          isNull(vehicles.deletedAt),
        ),
      )
      .orderBy(asc(vehicles.make), asc(vehicles.model), desc(vehicles.year), asc(vehicles.id))
      .limit(MAX_CARS);
    const dealership = await selectDealership(tx);
    const variables: TemplateVariables = {
      firstName: firstNameOf(lead.customerName),
      car: lead.carName,
      rep: session.name || null,
      openingHoursToday: dealership ? openingHoursToday(hoursConfigOf(dealership), now) : null,
    };
    return { templates, cars, variables };
  });
}

export type ReplyTools = Awaited<ReturnType<typeof getReplyTools>>;

/** Today's hours as the customer reads them: "09:00–17:00", "09:00–12:00 og 13:00–17:00", or "stengt". */
function openingHoursToday(config: Parameters<typeof getDayHours>[0], now: Date): string {
  const day = getDayHours(config, zonedToday(config.timeZone, now));
  if (day.intervals.length === 0) return "stengt";
  return day.intervals.map(formatInterval).join(" og ");
}

function formatInterval({ open, close }: MinuteInterval) {
  const clock = (m: number) =>
    `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${clock(open)}–${clock(close)}`;
}
