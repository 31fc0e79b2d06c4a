import { and, desc, eq } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { getMailer } from "../integrations/mailer/mailer.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";

/**
 * Why the rep is told: the customer wrote again (merged), our e-mail to the customer came back (bounced), or the
 * customer answered our e-mail (replied; the AI leaves that to a person).
 */
export type NotifyRepReason = "merged" | "bounced" | "replied";

/** How much of the customer's reply the SMS quotes. */
const EXCERPT_CHARS = 120;

/**
 * Tells the assigned rep about something on a lead only a person can handle: by SMS (all reasons), and for a
 * customer's e-mail reply also by e-mail — each only when the rep's notification preferences allow it.
 */
export async function notifyRep({
  leadId,
  dealershipId,
  reason,
  emailId,
}: {
  leadId: string;
  dealershipId: string;
  reason: NotifyRepReason;
  /** For `replied`: the received e-mail (one notification per e-mail, however often the job runs). */
  emailId?: string;
}) {
  const row = await withTenant(dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        name: leads.customerName,
        email: leads.customerEmail,
        phone: leads.customerPhone,
        count: leads.submissionCount,
        repPhone: users.phone,
        repEmail: users.email,
        active: users.isActive,
        prefs: users.notificationPreferences,
        dealershipName: dealerships.name,
      })
      .from(leads)
      .innerJoin(users, eq(users.id, leads.assignedTo))
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    if (!found || reason !== "replied" || !emailId) return found && { ...found, reply: null };
    const [reply] = await tx
      .select({ text: conversations.messageContent, subject: conversations.subject })
      .from(conversations)
      .where(
        and(
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.direction, "inbound"),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    return { ...found, reply: reply ?? null };
  });
  if (!row?.active) return { status: "skipped" as const };
  const link = new URL(`/leads/${leadId}`, getEnv().APP_URL).toString();
  const who = row.name ?? row.email ?? row.phone ?? "Kunden";
  const sent: string[] = [];
  if (row.repPhone && row.prefs.sms) {
    await getSmsSender().sendSms({
      dealershipId,
      to: row.repPhone,
      body: smsBody(reason, row, who, link),
      leadId,
      // One SMS per submission, bounced lead or received reply, however often the job is retried (the address is
      // suppressed after the first bounce, so a second bounce on the same lead is not expected).
      idempotencyKey:
        reason === "bounced"
          ? `notify-rep:bounced:${leadId}`
          : reason === "replied"
            ? `notify-rep:replied:${emailId ?? leadId}`
            : `notify-rep:${leadId}:${row.count}`,
    });
    sent.push("sms");
  }
  if (reason === "replied" && row.repEmail && row.prefs.email) {
    await getMailer().sendEmail({
      dealershipId,
      to: row.repEmail,
      fromName: `Norvalt for ${row.dealershipName}`,
      subject: `${who} har svart: ${row.reply?.subject ?? "e-post"}`.slice(0, 200),
      text: `${who} har svart på e-posten fra ${row.dealershipName}. AI-en svarer ikke på dette; det er din tur.\n\n${row.reply?.text ?? ""}\n\nÅpne leadet: ${link}\n\n- Norvalt`,
      leadId,
      idempotencyKey: `notify-rep:replied-email:${emailId ?? leadId}`,
    });
    sent.push("email");
  }
  return sent.length ? { status: "sent" as const, channels: sent } : { status: "skipped" as const };
}

function smsBody(
  reason: NotifyRepReason,
  row: {
    name: string | null;
    email: string | null;
    phone: string | null;
    count: number;
    reply: { text: string } | null;
  },
  who: string,
  link: string,
): string {
  if (reason === "bounced") {
    return (
      `E-posten til ${who}${row.name && row.email ? ` (${row.email})` : ""} kom i retur, så kunden har ikke fått svar.` +
      ` ${row.phone ? `Ring kunden på ${row.phone}.` : "Finn en annen måte å nå kunden på."} ${link}`
    );
  }
  if (reason === "replied") {
    const text = (row.reply?.text ?? "").replace(/\s+/g, " ").trim();
    const excerpt = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
    return `${who} svarte på e-post: «${excerpt}» ${link}`;
  }
  return `${who} har sendt en ny henvendelse (${row.count}. gang). ${link}`;
}
