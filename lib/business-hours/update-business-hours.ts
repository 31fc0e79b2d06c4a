import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { updateDealershipSettings } from "../dealerships/update-dealership-settings.ts";
import { businessHoursInput, parseNestedForm } from "./schemas.ts";

/**
 * Saves the dealership's opening hours (Settings → Åpningstider): the week, special days and the public-holiday
 * switch, validated (HH:MM, open before close, no overlaps, ≤ 4 intervals a day), with an audit entry of what
 * changed. The responder reads them on the next lead.
 */
export async function updateBusinessHours(session: Session, raw: unknown): Promise<void> {
  const input = parseNestedForm(businessHoursInput, raw);
  await withTenant(session.dealershipId, (tx) =>
    updateDealershipSettings(tx, {
      actorUserId: session.userId,
      action: "dealership.business_hours_updated",
      after: {
        businessHours: input.weekly,
        specialDays: input.specialDays.map((d) => ({
          date: d.date,
          hours: d.hours,
          ...(d.note && { note: d.note }),
        })),
        observePublicHolidays: input.observePublicHolidays,
      },
    }),
  );
}
