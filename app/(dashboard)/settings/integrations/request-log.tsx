import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { translateServerMessage } from "@/i18n/server-messages";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { findWebhookRequests } from "@/lib/webhook-log/find-webhook-requests";

type Row = Awaited<ReturnType<typeof findWebhookRequests>>[number];

export async function RequestLog({ rows }: { rows: Row[] }) {
  const t = await getTranslations("integrations");
  const format = await getFormatter();
  const locale = await getLocale();
  if (rows.length === 0) return <p className="text-muted-foreground text-sm">{t("noRequests")}</p>;
  return (
    <Table data-testid="request-log">
      <TableHeader>
        <TableRow>
          <TableHead>{t("time")}</TableHead>
          <TableHead>{t("source")}</TableHead>
          <TableHead>{t("status")}</TableHead>
          <TableHead className="text-right">{t("latency")}</TableHead>
          <TableHead>{t("details")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} className="align-top">
            <TableCell className="whitespace-nowrap">
              {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}
            </TableCell>
            <TableCell>{r.source}</TableCell>
            <TableCell>
              <Badge
                variant={r.statusCode < 300 ? "success" : r.statusCode < 500 ? "warning" : "destructive"}
              >
                {r.statusCode}
              </Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{r.durationMs ?? "–"} ms</TableCell>
            <TableCell className="max-w-md">
              {r.error ? (
                // Stored as the API answered (English for integrators); shown in the reader's language.
                <div className="text-destructive text-xs" data-testid="request-error">
                  {translateServerMessage(r.error, locale)}
                </div>
              ) : null}
              {r.requestBody ? (
                <pre className="text-muted-foreground truncate font-mono text-xs">{r.requestBody}</pre>
              ) : null}
              <div className="text-muted-foreground text-xs">
                {[r.ip, r.userAgent].filter(Boolean).join(" · ")}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
