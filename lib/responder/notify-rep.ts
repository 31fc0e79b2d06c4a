import { and, eq } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";

/** Why the rep is texted: the customer wrote again (merged), or our e-mail to the customer came back (bounced). */
export type NotifyRepReason = "merged" | "bounced";

/**
 * SMS to the assigned rep about something on a lead only a person can handle: a customer who writes again (a
 * merged submission, instead of a second auto-reply), or a reply that bounced (the customer never got it).
 */
export async function notifyRep({
  leadId,
  dealershipId,
  reason,
}: {
  leadId: string;
  dealershipId: string;
  reason: NotifyRepReason;
}) {
  const row = await withTenant(dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        name: leads.customerName,
        email: leads.customerEmail,
        phone: leads.customerPhone,
        count: leads.submissionCount,
        repPhone: users.phone,
        active: users.isActive,
        prefs: users.notificationPreferences,
      })
      .from(leads)
      .innerJoin(users, eq(users.id, leads.assignedTo))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    return found;
  });
  if (!row?.active || !row.repPhone || !row.prefs.sms) return { status: "skipped" as const };
  const link = new URL(`/leads/${leadId}`, getEnv().APP_URL).toString();
  const who = row.name ?? row.email;
  await getSmsSender().sendSms({
    dealershipId,
    to: row.repPhone,
    body:
      reason === "bounced"
        ? `E-posten til ${who}${row.name && row.email ? ` (${row.email})` : ""} kom i retur, så kunden har ikke fått svar.` +
          ` ${row.phone ? `Ring kunden på ${row.phone}.` : "Finn en annen måte å nå kunden på."} ${link}`
        : `${who} har sendt en ny henvendelse (${row.count}. gang). ${link}`,
    leadId,
    // One SMS per submission or per bounced lead, however often the job is retried (the address is suppressed
    // after the first bounce, so a second bounce on the same lead is not expected).
    idempotencyKey:
      reason === "bounced" ? `notify-rep:bounced:${leadId}` : `notify-rep:${leadId}:${row.count}`,
  });
  return { status: "sent" as const };
}
