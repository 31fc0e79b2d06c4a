import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatPhoneForDisplay } from "@/lib/leads/normalise-contact";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { AssignForm } from "./assign-form";
import { LeadWants } from "./lead-wants";
import { ContactDuplicates } from "./contact-duplicates";
import { ContactForm } from "./contact-form";
import { NoteForm } from "./note-form";
import { StatusForm } from "./status-form";
import { Timeline } from "./timeline";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

/** Profile, status with its history, assignment, internal notes and the timeline. */
export async function LeadSidebar({ detail }: { detail: LeadDetail }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const time = await getTimeFormatters();
  const { lead, vehicle } = detail;
  const vehicleName = vehicle
    ? [vehicle.make, vehicle.model, vehicle.variant, vehicle.year].filter(Boolean).join(" ")
    : null;
  const facts: [string, React.ReactNode][] = [
    [
      t("leadDetail.email"),
      lead.customerEmail ? (
        <a href={`mailto:${lead.customerEmail}`} className="break-all underline">
          {lead.customerEmail}
        </a>
      ) : (
        "—"
      ),
    ],
    [
      t("leadDetail.phone"),
      lead.customerPhone ? (
        <a href={`tel:${lead.phoneNormalized ?? lead.customerPhone}`} className="underline">
          {formatPhoneForDisplay(lead.customerPhone)}
        </a>
      ) : (
        "—"
      ),
    ],
    [
      t("leadDetail.vehicleInterest"),
      <>
        {lead.vehicleInterest ?? "—"}
        {vehicle ? (
          <Link
            href={`/vehicles#vehicle-${vehicle.id}`}
            className="mt-1 block underline"
            data-testid="matched-vehicle"
          >
            {vehicleName}
            {vehicle.priceNok
              ? ` · ${format.number(vehicle.priceNok, { style: "currency", currency: "NOK", maximumFractionDigits: 0 })}`
              : ""}
          </Link>
        ) : null}
      </>,
    ],
    [
      t("leadDetail.source"),
      <>
        {t(`source.${lead.source}`)}
        {lead.sourceUrl ? (
          <a
            href={lead.sourceUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-1 block break-all underline"
            data-testid="lead-source-url"
          >
            {/finn\.no/i.test(lead.sourceUrl) ? t("leadDetail.answerOnFinn") : t("leadDetail.openSource")}
          </a>
        ) : null}
        {detail.sourceEmails.map((email) => (
          <Link
            key={email.id}
            href={`/emails/${email.id}`}
            className="mt-1 block underline"
            data-testid="lead-email-link"
          >
            {email.classification === "reply" ? t("leadDetail.viewReplyEmail") : t("leadDetail.viewEmail")}
          </Link>
        ))}
      </>,
    ],
    [
      t("leadDetail.received"),
      <time key="r" dateTime={lead.createdAt.toISOString()}>
        {format.dateTime(lead.createdAt, { dateStyle: "medium", timeStyle: "short" })} (
        {time.relative(lead.createdAt)})
      </time>,
    ],
    [t("leadDetail.score"), format.number(lead.leadScore)],
    [
      t("leadDetail.consent"),
      lead.consentMarketing && lead.consentAt
        ? t("leadDetail.consentGiven", { date: format.dateTime(lead.consentAt, { dateStyle: "medium" }) })
        : t("leadDetail.consentNone"),
    ],
  ];
  if (lead.unsubscribedAt)
    facts.push([t("leadDetail.unsubscribed"), format.dateTime(lead.unsubscribedAt, { dateStyle: "medium" })]);
  return (
    <div className="space-y-6">
      <LeadWants vehicleInterest={lead.vehicleInterest} message={lead.initialMessage} />
      <Card>
        <CardHeader>
          <CardTitle className="text-base">
            <h2>{t("leadDetail.profile")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3 text-sm" data-testid="lead-profile">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-muted-foreground">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-4 space-y-3">
            <ContactDuplicates lead={lead} />
            <ContactForm
              // Saved values (or a change elsewhere) start the form from the stored contact again.
              key={`${lead.customerName}|${lead.customerEmail}|${lead.customerPhone}`}
              leadId={lead.id}
              contact={{
                name: lead.customerName ?? "",
                email: lead.customerEmail ?? "",
                phone: lead.customerPhone ?? "",
              }}
            />
          </div>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">
            <h2>{t("leadDetail.statusAndRep")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <StatusForm leadId={lead.id} status={lead.status} />
          <AssignForm
            leadId={lead.id}
            assignedTo={lead.assignedTo}
            team={detail.team.map(({ id, name }) => ({ id, name }))}
          />
          {detail.history.length > 0 ? (
            <div>
              <h3 className="mb-2 text-sm font-semibold">{t("leadDetail.statusHistory")}</h3>
              <ol className="space-y-2 text-sm" data-testid="status-history">
                {detail.history.map((h) => (
                  <li key={h.id}>
                    <span className="font-medium">
                      {h.oldStatus ? `${t(`status.${h.oldStatus}`)} → ` : ""}
                      {t(`status.${h.newStatus}`)}
                    </span>
                    <span className="text-muted-foreground block text-xs">
                      {format.dateTime(h.changedAt, { dateStyle: "short", timeStyle: "short" })} ·{" "}
                      {h.changedByName ?? t("leadDetail.system")}
                    </span>
                    {h.reason ? <span className="block text-xs">“{h.reason}”</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">
            <h2>{t("leadDetail.notes")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <NoteForm leadId={lead.id} />
          <ul className="space-y-3 text-sm" data-testid="notes">
            {detail.notes.map((n) => (
              <li key={n.id} className="bg-amber-50 rounded-md border border-amber-200 p-3">
                <p className="whitespace-pre-wrap break-words">{n.body}</p>
                <p className="text-muted-foreground mt-1 text-xs">
                  {n.authorName ?? t("leadDetail.api")} ·{" "}
                  {format.dateTime(n.createdAt, { dateStyle: "short", timeStyle: "short" })}
                </p>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <Timeline events={detail.events} />
    </div>
  );
}
