import type { Session } from "../auth/session-types.ts";
import { zonedToday } from "../dates/time-zone.ts";
import { withTenant } from "../db/tenant.ts";
import { selectDealership } from "../dealerships/get-dealership.ts";
import { AppError } from "../errors.ts";
import { listComingPublicHolidays } from "./public-holidays.ts";

/** How far ahead Settings → Åpningstider lists the public holidays. */
const HOLIDAY_DAYS_AHEAD = 366;

/** What Settings → Åpningstider shows: the stored hours and the coming public holidays in the dealership's zone. */
export async function getBusinessHoursSettings(session: Session, now = new Date()) {
  const dealership = await withTenant(session.dealershipId, selectDealership);
  if (!dealership) throw new AppError("not_found", "Fant ikke forhandleren");
  const today = zonedToday(dealership.timezone, now);
  return {
    weekly: dealership.businessHours,
    specialDays: dealership.specialDays,
    observePublicHolidays: dealership.observePublicHolidays,
    timeZone: dealership.timezone,
    comingHolidays: listComingPublicHolidays(today, HOLIDAY_DAYS_AHEAD),
  };
}
