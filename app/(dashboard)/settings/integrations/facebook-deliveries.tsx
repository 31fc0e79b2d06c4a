import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ActionButton } from "@/components/forms/action-button";
import type { FacebookDeliveryView } from "@/lib/facebook-leads/manage-facebook-pages";
import { retryFacebookDeliveryAction } from "../actions";

const VARIANT = {
  processed: "success",
  pending: "secondary",
  waiting: "warning",
  unmatched: "warning",
  failed: "destructive",
} as const;

/** The latest Meta lead deliveries and what became of them (a lead, waiting for a reconnect, failed and why). */
export async function FacebookDeliveries({ rows }: { rows: FacebookDeliveryView[] }) {
  const t = await getTranslations("integrations.facebook");
  const tf = await getTranslations("failures");
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-muted-foreground text-sm">{t("noDeliveries")}</p>;
  return (
    <Table data-testid="facebook-deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>{t("received")}</TableHead>
          <TableHead>{t("leadgenId")}</TableHead>
          <TableHead>{t("status")}</TableHead>
          <TableHead>{t("result")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} className="align-top">
            <TableCell className="whitespace-nowrap">
              {format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "medium" })}
            </TableCell>
            <TableCell className="font-mono text-xs">
              {row.leadgenId}
              {row.via === "backfill" ? (
                <span className="text-muted-foreground"> · {t("viaBackfill")}</span>
              ) : null}
            </TableCell>
            <TableCell>
              <Badge variant={VARIANT[row.status as keyof typeof VARIANT] ?? "secondary"}>
                {t(`deliveryStatus.${row.status}` as "deliveryStatus.pending")}
              </Badge>
            </TableCell>
            <TableCell className="max-w-sm text-xs">
              {row.leadId ? (
                <Link className="underline" href={`/leads/${row.leadId}`}>
                  {t("openLead")}
                </Link>
              ) : null}
              {row.error ? <div className="text-destructive">{row.error}</div> : null}
              {row.status === "failed" || row.status === "waiting" ? (
                <ActionButton
                  action={retryFacebookDeliveryAction}
                  input={{ id: row.id }}
                  variant="outline"
                  label={tf("retry")}
                  successText={tf("retrying")}
                />
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
