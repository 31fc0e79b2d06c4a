import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmailStatusBadge } from "@/components/emails/email-status-badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EmailListItem } from "@/lib/inbound-email/find-emails";
import { emailOutcomeKey } from "./email-outcome";
import type { EmailView } from "./views";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

type Props = { rows: EmailListItem[]; page: number; pages: number; view: EmailView };

export async function EmailsTable({ rows, page, pages, view }: Props) {
  const t = await getTranslations();
  const format = await getFormatter();
  const time = await getTimeFormatters();
  const hrefFor = (p: number) =>
    `/emails?${new URLSearchParams({ ...(view !== "all" && { view }), page: String(p) })}`;
  if (rows.length === 0)
    return (
      <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">
        {t(view === "triage" ? "emails.emptyTriage" : "emails.empty")}
      </p>
    );
  return (
    <div className="space-y-3">
      <div className="rounded-lg border">
        <Table data-testid="emails-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("emails.from")}</TableHead>
              <TableHead>{t("emails.subject")}</TableHead>
              <TableHead>{t("emails.outcome")}</TableHead>
              <TableHead className="text-right">{t("emails.received")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((email) => (
              <TableRow key={email.id} data-email-id={email.id}>
                <TableCell className="max-w-[14rem]">
                  <Link href={`/emails/${email.id}`} className="block truncate font-medium hover:underline">
                    {email.fromName || email.fromEmail || t("emails.unknownSender")}
                  </Link>
                  <div className="text-muted-foreground truncate text-xs">{email.fromEmail}</div>
                </TableCell>
                <TableCell className="max-w-[22rem] truncate">
                  {email.subject || t("emails.noSubject")}
                </TableCell>
                <TableCell>
                  <span className="flex flex-wrap items-center gap-1.5">
                    <EmailStatusBadge
                      status={email.processingStatus}
                      classification={email.classification}
                      label={t(`emails.outcomes.${emailOutcomeKey(email)}`)}
                    />
                    {email.leadId ? (
                      <Link href={`/leads/${email.leadId}`} className="text-xs underline">
                        {t("emails.openLead")}
                      </Link>
                    ) : null}
                  </span>
                </TableCell>
                <TableCell
                  className="text-muted-foreground text-right whitespace-nowrap"
                  title={format.dateTime(email.receivedAt, { dateStyle: "medium", timeStyle: "short" })}
                >
                  {time.relative(email.receivedAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {pages > 1 ? (
        <div className="flex items-center justify-between text-sm">
          <span className="text-muted-foreground">{t("common.pageOf", { page, pages })}</span>
          <div className="flex gap-2">
            <Button
              asChild
              variant="outline"
              size="sm"
              className={page <= 1 ? "pointer-events-none opacity-50" : ""}
            >
              <Link href={hrefFor(page - 1)} aria-disabled={page <= 1}>
                {t("common.previous")}
              </Link>
            </Button>
            <Button
              asChild
              variant="outline"
              size="sm"
              className={page >= pages ? "pointer-events-none opacity-50" : ""}
            >
              <Link href={hrefFor(page + 1)} aria-disabled={page >= pages}>
                {t("common.next")}
              </Link>
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
