import type { Session } from "../auth/session-types.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { collectPersonExport } from "./export-person.ts";
import type { PersonQuery } from "./find-person.ts";
import { hashPrivacySubject } from "./subject-hash.ts";

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : null);

export type PersonView = {
  emails: string[];
  phones: string[];
  names: string[];
  leads: {
    id: string;
    source: string;
    status: string;
    createdAt: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    lawfulBasis: string;
    consentMarketing: boolean;
    consentText: string | null;
    consentVersion: string | null;
    unsubscribedAt: string | null;
    anonymisedAt: string | null;
  }[];
  messages: {
    id: string;
    leadId: string;
    channel: string;
    direction: string;
    at: string;
    text: string;
    status: string | null;
  }[];
  emailsReceived: { id: string; subject: string | null; at: string; status: string }[];
  outbox: { id: string; channel: string; to: string; at: string; status: string }[];
  notes: { id: string; at: string; body: string }[];
  suppressed: { email: boolean; sms: boolean };
  /** Rows per table, as the export would hold them. */
  counts: Record<string, number>;
};

/**
 * The person view (Settings → Personvern): everything the dealership holds about one person, read through the
 * exporter so it shows exactly what an export would contain. Looking is itself audited (who, not whom: the
 * subject is a keyed hash).
 */
export async function getPersonView(session: Session, query: PersonQuery): Promise<PersonView> {
  return withTenant(session.dealershipId, async (tx) => {
    const data = await collectPersonExport(tx, query);
    const t = (name: string): Row[] => data.tables[name] ?? [];
    const suppressed = await isSuppressed(tx, {
      email: data.subject.emails[0] ?? query.email,
      phone: data.subject.phones[0] ?? query.phone,
    });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "privacy.person_viewed",
      targetType: "privacy_subject",
      targetId: hashPrivacySubject(query).slice(0, 16),
      data: { leads: t("leads").length },
    });
    return {
      ...data.subject,
      leads: t("leads").map((l) => ({
        id: String(l.id),
        source: String(l.source),
        status: String(l.status),
        createdAt: String(l.created_at),
        name: str(l.customer_name),
        email: str(l.customer_email),
        phone: str(l.customer_phone),
        lawfulBasis: String(l.lawful_basis),
        consentMarketing: Boolean(l.consent_marketing),
        consentText: str(l.consent_text),
        consentVersion: str(l.consent_version),
        unsubscribedAt: str(l.unsubscribed_at),
        anonymisedAt: str(l.anonymised_at),
      })),
      messages: t("conversations").map((m) => ({
        id: String(m.id),
        leadId: String(m.lead_id),
        channel: String(m.channel),
        direction: String(m.direction),
        at: String(m.created_at),
        text: String(m.message_content ?? ""),
        status: str(m.delivery_status),
      })),
      emailsReceived: t("emails").map((e) => ({
        id: String(e.id),
        subject: str(e.subject),
        at: String(e.received_at),
        status: String(e.processing_status),
      })),
      outbox: t("outbox_messages").map((o) => ({
        id: String(o.id),
        channel: String(o.channel),
        to: String(o.to_address),
        at: String(o.created_at),
        status: String(o.status),
      })),
      notes: t("notes").map((n) => ({ id: String(n.id), at: String(n.created_at), body: String(n.body) })),
      suppressed,
      counts: Object.fromEntries(Object.entries(data.tables).map(([k, rows]) => [k, rows.length])),
    };
  });
}
