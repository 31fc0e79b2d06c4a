import { and, eq } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";

/** SMS to the assigned rep when a customer writes again (a merged submission), instead of a second auto-reply. */
export async function notifyRep({
  leadId,
  dealershipId,
}: {
  leadId: string;
  dealershipId: string;
  reason: string;
}) {
  const row = await withTenant(dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        name: leads.customerName,
        email: leads.customerEmail,
        count: leads.submissionCount,
        phone: users.phone,
        active: users.isActive,
        prefs: users.notificationPreferences,
      })
      .from(leads)
      .innerJoin(users, eq(users.id, leads.assignedTo))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    return found;
  });
  if (!row?.active || !row.phone || !row.prefs.sms) return { status: "skipped" as const };
  await getSmsSender().sendSms({
    dealershipId,
    to: row.phone,
    body: `${row.name ?? row.email} har sendt en ny henvendelse (${row.count}. gang). ${new URL(`/leads/${leadId}`, getEnv().APP_URL)}`,
    leadId,
    // One SMS per submission, however often the job is retried.
    idempotencyKey: `notify-rep:${leadId}:${row.count}`,
  });
  return { status: "sent" as const };
}
