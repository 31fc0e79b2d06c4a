import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmailStatusBadge } from "@/components/emails/email-status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/get-session";
import { canTriageEmail } from "@/lib/auth/permissions";
import { getEmailById } from "@/lib/inbound-email/find-emails";
import { buildEmailPreviewDocument } from "@/lib/inbound-email/sanitize-email-html";
import { emailOutcomeKey } from "../email-outcome";
import { EmailActions } from "./email-actions";
import { ExtractedFacts } from "./extracted-facts";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("email");

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  // Another dealership's id is simply not found (RLS + explicit filter).
  const email = await getEmailById(session, id.data);
  if (!email) notFound();
  const t = await getTranslations("emails");
  const format = await getFormatter();
  // A sales rep may read the e-mail a lead of theirs came from; triage (and the list) is for admins and managers.
  const triage = canTriageEmail(session.role);
  return (
    <div className="space-y-6">
      {triage ? (
        <Link href="/emails" className="text-muted-foreground text-sm hover:underline">
          ← {t("back")}
        </Link>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="email-subject">
            {email.subject || t("noSubject")}
          </h1>
          <p className="text-muted-foreground text-sm">
            {email.fromName ? `${email.fromName} <${email.fromEmail}>` : email.fromEmail} ·{" "}
            {format.dateTime(email.receivedAt, { dateStyle: "medium", timeStyle: "short" })}
          </p>
        </div>
        <EmailStatusBadge
          status={email.processingStatus}
          classification={email.classification}
          label={t(`outcomes.${emailOutcomeKey(email)}`)}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("content")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {email.bodyText ? (
              <pre
                className="max-h-[32rem] overflow-auto font-sans text-sm break-words whitespace-pre-wrap"
                data-testid="email-text"
              >
                {email.bodyText}
              </pre>
            ) : (
              <p className="text-muted-foreground text-sm">{t("noText")}</p>
            )}
            {email.bodyHtml ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium">{t("showHtml")}</summary>
                {/* Sanitised, then sandboxed with no permissions and a CSP that blocks every request. */}
                <iframe
                  title={t("htmlPreview")}
                  sandbox=""
                  srcDoc={buildEmailPreviewDocument(email.bodyHtml)}
                  className="mt-3 h-[32rem] w-full rounded-md border bg-white"
                  data-testid="email-html"
                />
              </details>
            ) : null}
            {email.attachments.length ? (
              <div>
                <h2 className="mb-1 text-sm font-medium">{t("attachments")}</h2>
                <ul className="text-muted-foreground text-sm">
                  {email.attachments.map((a, i) => (
                    <li key={i}>
                      {a.filename ?? t("unnamed")} · {a.contentType} ·{" "}
                      {format.number(Math.ceil(a.size / 1024))} KB
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("headers")}</summary>
              <dl className="mt-2 grid gap-1 font-mono text-xs break-all">
                {Object.entries(email.headers).flatMap(([name, values]) =>
                  values.map((value, i) => (
                    <div key={`${name}-${i}`}>
                      <dt className="inline font-semibold">{name}: </dt>
                      <dd className="inline">{value}</dd>
                    </div>
                  )),
                )}
              </dl>
            </details>
          </CardContent>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle className="text-base">{t("processing")}</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4 text-sm">
              <dl className="grid gap-2">
                <Fact
                  label={t("classifiedBy")}
                  value={email.classifiedBy ? t(`by.${email.classifiedBy}`) : "—"}
                />
                <Fact
                  label={t("confidence")}
                  value={
                    email.classificationConfidence === null
                      ? "—"
                      : format.number(email.classificationConfidence, { style: "percent" })
                  }
                />
                {email.reason ? <Fact label={t("reason")} value={email.reason} /> : null}
                {email.errorMessage ? (
                  <Fact label={t("error")} value={email.errorMessage} tone="error" />
                ) : null}
                <Fact label={t("intake")} value={t(`intakes.${email.intake}`)} />
              </dl>
              {email.leadId ? (
                <Link
                  href={`/leads/${email.leadId}`}
                  className="font-medium underline"
                  data-testid="email-lead-link"
                >
                  {t("openLead")}
                </Link>
              ) : null}
              {triage ? (
                <EmailActions
                  emailId={email.id}
                  canCreateLead={!email.leadId}
                  canIgnore={!email.leadId && email.processingStatus !== "ignored"}
                />
              ) : null}
            </CardContent>
          </Card>
          {email.extractedData ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t("extracted")}</CardTitle>
              </CardHeader>
              <CardContent>
                <ExtractedFacts data={email.extractedData} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function Fact({ label, value, tone }: { label: string; value: string; tone?: "error" }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className={tone === "error" ? "text-destructive break-words" : "break-words"}>{value}</dd>
    </div>
  );
}
