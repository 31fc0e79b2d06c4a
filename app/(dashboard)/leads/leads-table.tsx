import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { LeadStatus } from "@/db/schema/enums";
import type { LeadListItem } from "@/lib/leads/find-leads";

type Props = { rows: LeadListItem[]; page: number; pages: number; status?: LeadStatus };

export async function LeadsTable({ rows, page, pages, status }: Props) {
  const t = await getTranslations();
  const format = await getFormatter();
  const hrefFor = (p: number) =>
    `/leads?${new URLSearchParams({ ...(status && { status }), page: String(p) })}`;
  if (rows.length === 0)
    return (
      <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">
        {t("leads.empty")}
      </p>
    );
  return (
    <div className="space-y-3">
      <div className="rounded-lg border">
        <Table data-testid="leads-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("leads.customer")}</TableHead>
              <TableHead>{t("leads.vehicle")}</TableHead>
              <TableHead>{t("leads.source")}</TableHead>
              <TableHead>{t("leads.status")}</TableHead>
              <TableHead>{t("leads.assignedTo")}</TableHead>
              <TableHead className="text-right">{t("leads.received")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((lead) => (
              <TableRow key={lead.id} data-lead-id={lead.id}>
                <TableCell>
                  <Link href={`/leads/${lead.id}`} className="font-medium hover:underline">
                    {lead.customerName ?? lead.customerEmail ?? lead.customerPhone ?? "—"}
                  </Link>
                  <div className="text-muted-foreground max-w-[18rem] truncate text-xs lg:max-w-[24rem]">
                    {lead.initialMessage}
                  </div>
                </TableCell>
                <TableCell>{lead.vehicleInterest ?? "—"}</TableCell>
                <TableCell>
                  <span className="flex items-center gap-1.5">
                    {t(`source.${lead.source}`)}
                    {lead.isTest ? <Badge variant="outline">{t("leads.test")}</Badge> : null}
                    {lead.submissionCount > 1 ? (
                      <Badge variant="secondary">
                        {t("leads.duplicate", { count: lead.submissionCount })}
                      </Badge>
                    ) : null}
                  </span>
                </TableCell>
                <TableCell>
                  <LeadStatusBadge status={lead.status} label={t(`status.${lead.status}`)} />
                </TableCell>
                <TableCell className="text-muted-foreground">
                  {lead.assignedToName ?? t("leads.unassigned")}
                </TableCell>
                <TableCell
                  className="text-muted-foreground text-right whitespace-nowrap"
                  title={format.dateTime(lead.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                >
                  {format.relativeTime(lead.createdAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className="flex items-center justify-between text-sm">
        <span className="text-muted-foreground">{t("common.pageOf", { page, pages })}</span>
        <div className="flex gap-2">
          <Button
            asChild
            variant="outline"
            size="sm"
            aria-disabled={page <= 1}
            className={page <= 1 ? "pointer-events-none opacity-50" : ""}
          >
            <Link href={hrefFor(page - 1)}>{t("common.previous")}</Link>
          </Button>
          <Button
            asChild
            variant="outline"
            size="sm"
            aria-disabled={page >= pages}
            className={page >= pages ? "pointer-events-none opacity-50" : ""}
          >
            <Link href={hrefFor(page + 1)}>{t("common.next")}</Link>
          </Button>
        </div>
      </div>
    </div>
  );
}
