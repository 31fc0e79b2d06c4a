import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/get-session";
import { canViewOutbox } from "@/lib/auth/permissions";
import { findOutboxMessages } from "@/lib/deliveries/find-outbox-messages";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("outbox");

export default async function OutboxPage() {
  const session = await requireSession();
  const t = await getTranslations("settings");
  if (!canViewOutbox(session.role)) notFound();
  const messages = await findOutboxMessages(session);
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <p className="text-muted-foreground text-sm">{t("outboxHint")}</p>
      {messages.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">—</p>
      ) : (
        <div className="rounded-lg border">
          <Table data-testid="outbox-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("sentAt")}</TableHead>
                <TableHead>{t("channel")}</TableHead>
                <TableHead>{t("to")}</TableHead>
                <TableHead>{t("message")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {messages.map((m) => (
                <TableRow key={m.id} className="align-top">
                  <TableCell className="whitespace-nowrap">
                    {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}
                  </TableCell>
                  <TableCell>
                    <Badge variant="secondary">{m.channel === "email" ? "E-post" : "SMS"}</Badge>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{m.toAddress}</TableCell>
                  <TableCell className="max-w-xl">
                    {m.subject ? <div className="font-medium">{m.subject}</div> : null}
                    <pre className="text-muted-foreground font-sans text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
                      {m.bodyText}
                    </pre>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
