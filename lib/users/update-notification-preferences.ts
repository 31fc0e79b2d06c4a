import { and, eq, sql } from "drizzle-orm";
import { NOTIFICATION_EVENTS, users, type NotificationPreferences } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { NotificationPreferencesInput } from "./schemas.ts";

/** The form's flat fields → the stored shape (every event written out, so later default changes touch no one). */
export function toNotificationPreferences(input: NotificationPreferencesInput): NotificationPreferences {
  return {
    sms: input.sms,
    email: input.email,
    events: Object.fromEntries(
      NOTIFICATION_EVENTS.map((event) => [
        event,
        { sms: input[`${event}.sms`], email: input[`${event}.email`] },
      ]),
    ),
    quietHours: input.quietHoursEnabled ? { start: input.quietStart, end: input.quietEnd } : null,
  };
}

/** The signed-in user's own notification switches and quiet hours (Clerk mode too: they live with us). */
export async function updateNotificationPreferences(
  session: Session,
  input: NotificationPreferencesInput,
): Promise<NotificationPreferences> {
  const { dealershipId, userId } = session;
  const prefs = toNotificationPreferences(input);
  await withTenant(dealershipId, async (tx) => {
    const [before] = await tx
      .select({ prefs: users.notificationPreferences })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    if (!before) throw new AppError("not_found", "Fant ikke brukeren");
    await tx
      .update(users)
      .set({ notificationPreferences: prefs, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.notification_preferences_changed",
      targetType: "user",
      targetId: userId,
      data: { from: before.prefs, to: prefs },
    });
  });
  return prefs;
}
