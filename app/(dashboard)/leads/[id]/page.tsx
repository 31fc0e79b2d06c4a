import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/get-session";
import { withTenant } from "@/lib/db/tenant";
import { getLeadDetail } from "@/lib/leads/get-lead-detail";
import { Conversation } from "./conversation";

export const metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  // Another dealership's id is simply not found: withTenant + explicit filter.
  const detail = await withTenant(session.dealershipId, (tx) =>
    getLeadDetail(tx, session.dealershipId, id.data),
  );
  if (!detail) notFound();
  const { lead } = detail;
  const t = await getTranslations();
  const format = await getFormatter();
  const facts = [
    [t("leads.source"), t(`source.${lead.source}`)],
    [t("leads.vehicle"), lead.vehicleInterest ?? "—"],
    [t("leads.assignedTo"), detail.assignedToName ?? t("leads.unassigned")],
    [t("leads.received"), format.dateTime(lead.createdAt, { dateStyle: "medium", timeStyle: "short" })],
  ];
  return (
    <div className="space-y-6">
      <Link href="/leads" className="text-muted-foreground text-sm hover:underline">
        ← {t("leads.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="lead-name">
            {lead.customerName ?? lead.customerEmail ?? lead.customerPhone}
          </h1>
          <p className="text-muted-foreground text-sm">
            {[lead.customerEmail, lead.customerPhone].filter(Boolean).join(" · ")}
          </p>
        </div>
        <div className="flex gap-2">
          {lead.isSpam ? <Badge variant="destructive">{t("leads.spam")}</Badge> : null}
          {lead.submissionCount > 1 ? (
            <Badge variant="secondary">{t("leads.duplicate", { count: lead.submissionCount })}</Badge>
          ) : null}
          <LeadStatusBadge status={lead.status} label={t(`status.${lead.status}`)} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("leads.conversation")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Conversation messages={detail.conversations} />
          </CardContent>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardContent className="pt-6">
              <dl className="grid gap-3 text-sm">
                {facts.map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-base">{t("leads.timeline")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ol className="space-y-2 text-sm">
                {detail.events.map((e) => (
                  <li key={e.id} className="flex justify-between gap-2">
                    <span>{t.has(`events.${e.type}`) ? t(`events.${e.type}`) : e.type}</span>
                    <span className="text-muted-foreground whitespace-nowrap">
                      {format.relativeTime(e.createdAt)}
                    </span>
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
