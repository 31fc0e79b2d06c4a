import type { Principal } from "../auth/session-types.ts";
import { resolveTimeZone } from "../dates/time-zone.ts";
import { withTenant } from "../db/tenant.ts";
import { selectDealership } from "../dealerships/get-dealership.ts";
import { AppError } from "../errors.ts";
import { previousRange, type DayRange } from "./analytics-range.ts";
import { selectFollowUpEffect } from "./select-follow-up-effect.ts";
import { selectPeriodFigures } from "./select-period-figures.ts";

export type AnalyticsSummary = Awaited<ReturnType<typeof getAnalyticsSummary>>;

/**
 * Everything the Analyse page and `GET /api/analytics/summary` show, for `range` (calendar days in the
 * dealership's zone, both inclusive) and the period of equal length just before it. A sales rep sees only their
 * own row of the per-rep table; managers, admins and API keys see every member.
 */
export async function getAnalyticsSummary(principal: Principal, range: DayRange) {
  return withTenant(principal.dealershipId, async (tx) => {
    const dealership = await selectDealership(tx);
    if (!dealership) throw new AppError("not_found", "Fant ikke forhandleren");
    const hours = {
      weekly: dealership.businessHours,
      timeZone: resolveTimeZone(dealership.timezone),
      specialDays: dealership.specialDays,
      observePublicHolidays: dealership.observePublicHolidays,
    };
    const onlyUserId = "role" in principal && principal.role === "sales_rep" ? principal.userId : undefined;
    // Sequential: one transaction, one connection.
    const current = await selectPeriodFigures(tx, { range, hours, onlyUserId });
    const previous = await selectPeriodFigures(tx, { range: previousRange(range), hours, onlyUserId });
    // Replies after each follow-up step (issue 19's follow-ups), in this period and the one before.
    const followUpEffect = await selectFollowUpEffect(tx, { range, timeZone: hours.timeZone });
    const previousFollowUpEffect = await selectFollowUpEffect(tx, {
      range: previousRange(range),
      timeZone: hours.timeZone,
    });
    return { timeZone: hours.timeZone, current, previous, followUpEffect, previousFollowUpEffect };
  });
}
