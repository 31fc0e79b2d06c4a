"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { PersonView } from "@/lib/privacy/get-person-view";
import { erasePersonAction, findPersonAction, requestExportAction } from "./actions";

/** Search a person by e-mail or phone; see what we hold; export or erase (admins). */
export function PersonSearch({ canAct }: { canAct: boolean }) {
  const t = useTranslations("privacy");
  const [subject, setSubject] = useState<{ email?: string; phone?: string }>({});
  const { state, onSubmit, pending, action } = useKeptFormAction(findPersonAction);
  const view = state?.ok ? state.data : null;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <section className="space-y-4" aria-labelledby="person-search-title">
      <h2 id="person-search-title" className="text-lg font-semibold">
        {t("searchTitle")}
      </h2>
      <form
        action={action}
        onSubmit={(event) => {
          const data = new FormData(event.currentTarget);
          setSubject({ email: String(data.get("email") ?? ""), phone: String(data.get("phone") ?? "") });
          onSubmit(event);
        }}
        className="grid max-w-3xl gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        data-testid="person-search-form"
      >
        <FormField label={t("email")} name="email" type="email" autoComplete="off" errors={errors?.email} />
        <FormField label={t("phone")} name="phone" type="tel" autoComplete="off" errors={errors?.phone} />
        <SubmitButton pending={pending}>{t("search")}</SubmitButton>
      </form>
      {state && !state.ok && !errors && <p className="text-destructive text-sm">{state.error}</p>}
      {view && <PersonDetails view={view} subject={subject} canAct={canAct} />}
    </section>
  );
}

function PersonDetails({
  view,
  subject,
  canAct,
}: {
  view: PersonView;
  subject: { email?: string; phone?: string };
  canAct: boolean;
}) {
  const t = useTranslations("privacy");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <div className="space-y-4" data-testid="person-view">
      <Card>
        <CardHeader>
          <CardTitle>{view.names[0] ?? view.emails[0] ?? view.phones[0] ?? t("unknownPerson")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3 text-sm">
          <p className="break-words">{[...view.emails, ...view.phones].join(" · ") || "—"}</p>
          <div className="flex flex-wrap gap-2">
            <Badge variant={view.suppressed.email ? "warning" : "outline"}>
              {view.suppressed.email ? t("emailSuppressed") : t("emailAllowed")}
            </Badge>
            <Badge variant={view.suppressed.sms ? "warning" : "outline"}>
              {view.suppressed.sms ? t("smsSuppressed") : t("smsAllowed")}
            </Badge>
          </div>
          <p className="text-muted-foreground">
            {t("summary", {
              leads: view.leads.length,
              messages: view.messages.length,
              emails: view.emailsReceived.length,
              outbox: view.outbox.length,
              notes: view.notes.length,
            })}
          </p>
          {canAct && (
            <div className="flex flex-wrap gap-2">
              <ActionButton
                action={requestExportAction}
                input={subject}
                variant="outline"
                label={t("export")}
                successText={t("exportStarted")}
                data-testid="privacy-export"
              />
              <ActionButton
                action={erasePersonAction}
                input={subject}
                variant="destructive"
                label={t("erase")}
                confirmText={t("eraseConfirm")}
                successText={(data) => t("erased", { leads: data.leads })}
                data-testid="privacy-erase"
              />
            </div>
          )}
        </CardContent>
      </Card>
      <Section title={t("leadsTitle")} empty={view.leads.length === 0}>
        {view.leads.map((lead) => (
          <li key={lead.id} className="space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/leads/${lead.id}`} className="font-medium underline-offset-4 hover:underline">
                {lead.name ?? t("anonymised")}
              </Link>
              <Badge variant="outline">{lead.source}</Badge>
              <span className="text-muted-foreground">{when(lead.createdAt)}</span>
            </div>
            <p className="text-muted-foreground text-xs">
              {t(lead.lawfulBasis === "marketing_consent" ? "basisConsent" : "basisInquiry")}
              {lead.consentMarketing && ` · ${t("marketingConsent")}`}
              {lead.consentVersion && ` · ${t("consentVersion", { version: lead.consentVersion })}`}
              {lead.unsubscribedAt && ` · ${t("unsubscribed")}`}
              {lead.anonymisedAt && ` · ${t("anonymised")}`}
            </p>
            {lead.consentText && <p className="text-muted-foreground text-xs italic">{lead.consentText}</p>}
          </li>
        ))}
      </Section>
      <Section title={t("messagesTitle")} empty={view.messages.length === 0}>
        {view.messages.map((m) => (
          <li key={m.id}>
            <span className="text-muted-foreground text-xs">
              {when(m.at)} · {m.channel} · {t(m.direction === "inbound" ? "inbound" : "outbound")}
            </span>
            <p className="line-clamp-3 break-words whitespace-pre-wrap">{m.text || "—"}</p>
          </li>
        ))}
      </Section>
      <Section title={t("emailsTitle")} empty={view.emailsReceived.length === 0}>
        {view.emailsReceived.map((e) => (
          <li key={e.id}>
            {when(e.at)} · {e.subject ?? "—"} · {e.status}
          </li>
        ))}
      </Section>
      <Section title={t("outboxTitle")} empty={view.outbox.length === 0}>
        {view.outbox.map((o) => (
          <li key={o.id} className="break-words">
            {when(o.at)} · {o.channel} · {o.to} · {o.status}
          </li>
        ))}
      </Section>
      <Section title={t("notesTitle")} empty={view.notes.length === 0}>
        {view.notes.map((n) => (
          <li key={n.id} className="break-words whitespace-pre-wrap">
            <span className="text-muted-foreground text-xs">{when(n.at)}</span> {n.body}
          </li>
        ))}
      </Section>
    </div>
  );
}

function Section({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  const t = useTranslations("privacy");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {empty ? (
          <p className="text-muted-foreground text-sm">{t("none")}</p>
        ) : (
          <ul className="space-y-3 text-sm">{children}</ul>
        )}
      </CardContent>
    </Card>
  );
}
