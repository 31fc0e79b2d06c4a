import { eq, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { businessHoursInput, parseNestedForm } from "./schemas.ts";

/**
 * Saves the dealership's opening hours (Settings → Åpningstider): the week, special days and the public-holiday
 * switch, validated (HH:MM, open before close, no overlaps, ≤ 4 intervals a day), with an audit entry of what
 * changed. The responder reads them on the next lead.
 */
export async function updateBusinessHours(session: Session, raw: unknown): Promise<void> {
  const input = parseNestedForm(businessHoursInput, raw);
  await withTenant(session.dealershipId, async (tx) => {
    const [before] = await tx
      .select({
        businessHours: dealerships.businessHours,
        specialDays: dealerships.specialDays,
        observePublicHolidays: dealerships.observePublicHolidays,
      })
      .from(dealerships)
      .where(eq(dealerships.id, session.dealershipId))
      .for("no key update");
    if (!before) throw new AppError("not_found", "Fant ikke forhandleren");
    await tx
      .update(dealerships)
      .set({
        businessHours: input.weekly,
        specialDays: input.specialDays.map((d) => ({
          date: d.date,
          hours: d.hours,
          ...(d.note && { note: d.note }),
        })),
        observePublicHolidays: input.observePublicHolidays,
        updatedAt: sql`now()`,
      })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.business_hours_updated",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: {
        before,
        after: {
          businessHours: input.weekly,
          specialDays: input.specialDays,
          observePublicHolidays: input.observePublicHolidays,
        },
      },
    });
  });
}
