import { getEnv } from "../../env.ts";
import type { RepNotifyReason } from "../jobs/job-payloads.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";

/** How much of the customer's reply the SMS quotes. */
const EXCERPT_CHARS = 120;

/** What the texts need to know about the lead. */
export type RepNotificationFacts = {
  reason: RepNotifyReason;
  leadId: string;
  urgent: boolean;
  /** new_lead: false adds "the customer got no automatic reply". */
  customerAnswered?: boolean;
  customerName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  vehicleInterest: string | null;
  submissionCount: number;
  dealershipName: string;
  /** What the customer asked for, read from the lead ("Vil bli ringt etter kl. 18", "Spør om innbytte"). */
  wants?: string[];
  /** replied: the customer's latest e-mail. */
  reply: { text: string; subject: string | null; channel?: string } | null;
  /** handed_off: why the AI stopped (lib/conversations/detect-hand-off.ts). */
  handOffReason?: string;
};

/** The rep SMS's words for each hand-off reason. */
const HAND_OFF_NB: Record<string, string> = {
  asked_for_person: "vil snakke med en person",
  price_negotiation: "vil forhandle om prisen",
  competitor_offer: "nevner et tilbud fra en annen forhandler",
  complaint: "klager",
  angry: "virker misfornøyd",
  turn_limit: "har fått så mange AI-svar som dere tillater",
};

/** One line of the customer's latest message for a lock screen. */
function excerptOf(reply: RepNotificationFacts["reply"]): string {
  const text = (reply?.text ?? "").replace(/\s+/g, " ").trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

const leadLink = (leadId: string) => new URL(`/leads/${leadId}`, getEnv().APP_URL).toString();

/** The SMS to the rep, in Norwegian, with what they need to act from the lock screen. */
export function composeRepSms(facts: RepNotificationFacts): string {
  const link = leadLink(facts.leadId);
  if (facts.reason === "new_lead" || facts.reason === "draft_ready") {
    // The PRD's template (US-3.3), with what the rep needs to call from the lock screen: name, car, phone, wants.
    const who = facts.customerName ?? facts.customerEmail ?? facts.customerPhone ?? "ukjent kunde";
    const lines =
      facts.reason === "draft_ready"
        ? [`Svarutkast venter på godkjenning: ${who}`]
        : [`${facts.urgent ? "HASTER: " : ""}Ny lead fra ${who}`];
    if (facts.vehicleInterest) lines.push(`Interessert i: ${facts.vehicleInterest}`);
    if (facts.customerPhone) lines.push(`Tlf: ${formatPhoneForDisplay(facts.customerPhone)}`);
    for (const want of (facts.wants ?? []).slice(0, 4)) lines.push(want);
    if (facts.reason === "new_lead" && facts.customerAnswered === false)
      lines.push("Kunden har ikke fått automatisk svar.");
    lines.push(`Se detaljer: ${link}`, "", "- Norvalt");
    return lines.join("\n");
  }
  const who = facts.customerName ?? facts.customerEmail ?? facts.customerPhone ?? "Kunden";
  if (facts.reason === "bounced") {
    return (
      `E-posten til ${who}${facts.customerName && facts.customerEmail ? ` (${facts.customerEmail})` : ""} kom i retur, så kunden har ikke fått svar.` +
      ` ${facts.customerPhone ? `Ring kunden på ${facts.customerPhone}.` : "Finn en annen måte å nå kunden på."} ${link}`
    );
  }
  if (facts.reason === "reassigned") {
    const contact = facts.customerPhone ? ` (${facts.customerPhone})` : "";
    const car = facts.vehicleInterest ? `, interessert i ${facts.vehicleInterest}` : "";
    return `Du har overtatt leadet til ${who}${contact}${car}. ${link}`;
  }
  if (facts.reason === "handed_off") {
    const why = HAND_OFF_NB[facts.handOffReason ?? ""] ?? "trenger en person";
    return `AI-en har stoppet: ${who} ${why}. Ta over samtalen: «${excerptOf(facts.reply)}» ${link}`;
  }
  if (facts.reason === "replied") {
    const via = facts.reply?.channel === "sms" ? "SMS" : "e-post";
    return `${who} svarte på ${via}: «${excerptOf(facts.reply)}» ${link}`;
  }
  return `${who} har sendt en ny henvendelse (${facts.submissionCount}. gang). ${link}`;
}

/**
 * The e-mail to the rep: a customer's reply in full (the rep may want the whole text); for the other reasons,
 * for reps who asked for them by e-mail, the SMS's text under a subject of its first line.
 */
export function composeRepEmail(facts: RepNotificationFacts): { subject: string; text: string } {
  if (facts.reason !== "replied" || facts.reply?.channel === "sms") {
    const text = composeRepSms(facts);
    return { subject: `${text.split("\n")[0]!.slice(0, 150)} – ${facts.dealershipName}`.slice(0, 200), text };
  }
  const who = facts.customerName ?? facts.customerEmail ?? facts.customerPhone ?? "Kunden";
  return {
    subject: `${who} har svart: ${facts.reply?.subject ?? "e-post"}`.slice(0, 200),
    text: `${who} har svart på e-posten fra ${facts.dealershipName}. AI-en svarer ikke på dette; det er din tur.\n\n${facts.reply?.text ?? ""}\n\nÅpne leadet: ${leadLink(facts.leadId)}\n\n- Norvalt`,
  };
}
