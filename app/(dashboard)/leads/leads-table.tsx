"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useRef } from "react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { Bot, CircleAlert, CirclePause, FileClock, Loader } from "lucide-react";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import type { AiState } from "@/lib/leads/find-leads";
import type { InboxRow } from "./to-inbox-rows";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, InboxRow>();
// Narrow screens (a phone on the showroom floor) keep the customer and status; the rest moves into the first cell.
const COLUMN_CLASS: Record<string, string> = {
  vehicle: "hidden lg:table-cell whitespace-normal min-w-[9rem]",
  source: "hidden md:table-cell",
  received: "hidden sm:table-cell whitespace-nowrap",
  assigned: "hidden xl:table-cell whitespace-normal",
  ai: "hidden md:table-cell",
  response: "hidden lg:table-cell text-right whitespace-nowrap",
};
const AI_ICON: Record<AiState, typeof Bot | null> = {
  answered: Bot,
  sending: Loader,
  draft: FileClock,
  paused: CirclePause,
  failed: CircleAlert,
  none: null,
};

/** The inbox (US-4.1): rows rendered on the server, arrow keys / j k move between leads, Enter opens one. */
export function LeadsTable({ rows, filtered }: { rows: InboxRow[]; filtered: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          id: "customer",
          header: t("inbox.customer"),
          cell: ({ row: { original: lead } }) => (
            <div className="min-w-0">
              <Link
                href={`/leads/${lead.id}`}
                className="font-medium hover:underline focus-visible:underline"
                data-lead-link
              >
                {lead.name}
              </Link>
              {lead.submissionCount > 1 ? (
                <Badge variant="secondary" className="ml-2">
                  {t("inbox.duplicate", { count: lead.submissionCount })}
                </Badge>
              ) : null}
              {lead.isTest ? (
                <Badge variant="outline" className="ml-2">
                  {t("inbox.test")}
                </Badge>
              ) : null}
              {lead.vehicleWithdrawn ? (
                <Badge variant="warning" className="ml-2" data-testid="inbox-vehicle-sold">
                  {t(lead.vehicleWithdrawn === "sold" ? "vehicles.soldFlag" : "vehicles.reservedFlag")}
                </Badge>
              ) : null}
              <div className="text-muted-foreground max-w-[16rem] truncate text-xs sm:max-w-[22rem]">
                <span className="lg:hidden">{lead.vehicle ? `${lead.vehicle} · ` : ""}</span>
                <span className="sm:hidden">{`${t(`source.${lead.source}`)} · ${lead.received} · `}</span>
                {lead.message}
              </div>
            </div>
          ),
        }),
        helper.accessor("vehicle", { header: t("inbox.vehicle"), cell: (c) => c.getValue() ?? "—" }),
        helper.accessor("source", { header: t("inbox.source"), cell: (c) => t(`source.${c.getValue()}`) }),
        helper.accessor("status", {
          header: t("inbox.status"),
          cell: (c) => <LeadStatusBadge status={c.getValue()} label={t(`status.${c.getValue()}`)} />,
        }),
        helper.accessor("received", {
          header: t("inbox.received"),
          cell: ({ row: { original: lead } }) => <time title={lead.receivedTitle}>{lead.received}</time>,
        }),
        helper.accessor("assignedToName", {
          id: "assigned",
          header: t("inbox.assignedTo"),
          cell: (c) => c.getValue() ?? <span className="text-muted-foreground">{t("inbox.unassigned")}</span>,
        }),
        helper.accessor("aiState", {
          id: "ai",
          header: t("inbox.ai"),
          cell: ({ row: { original: lead } }) => {
            const Icon = AI_ICON[lead.aiState];
            return (
              <span
                className={cn(
                  "flex items-center gap-1.5 text-sm",
                  lead.aiState === "failed" && "text-destructive",
                  lead.aiState === "draft" && "text-amber-800",
                )}
              >
                {Icon ? <Icon className="size-4" aria-hidden /> : null}
                {t(`inbox.aiState.${lead.aiState}`)}
              </span>
            );
          },
        }),
        helper.accessor("responseTime", {
          id: "response",
          header: t("inbox.responseTime"),
          cell: (c) => c.getValue() ?? "—",
        }),
      ]),
    [t],
  );
  const table = useTable({ features, columns, data: rows });

  if (rows.length === 0)
    return (
      <div
        className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm"
        data-testid="inbox-empty"
      >
        <p className="text-foreground font-medium">{t(filtered ? "inbox.emptyFiltered" : "inbox.empty")}</p>
        {filtered ? (
          <Link href="/leads" className="mt-2 inline-block underline">
            {t("inbox.clearFilters")}
          </Link>
        ) : null}
      </div>
    );

  const onKeyDown = (event: React.KeyboardEvent) => {
    const links = [...(body.current?.querySelectorAll<HTMLAnchorElement>("a[data-lead-link]") ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (step) {
      event.preventDefault();
      links[Math.max(0, Math.min(links.length - 1, index + step))]?.focus();
    } else if (event.key === "o" && index >= 0) router.push(links[index]!.getAttribute("href")!);
  };

  return (
    <div className="rounded-lg border">
      <Table data-testid="leads-table" aria-describedby="inbox-keys">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id} className={COLUMN_CLASS[header.column.id]}>
                  <table.FlexRender header={header} />
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody ref={body} onKeyDown={onKeyDown}>
          {table.getRowModel().rows.map((row) => (
            <TableRow
              key={row.id}
              data-lead-id={row.original.id}
              data-status={row.original.status}
              data-source={row.original.source}
              className="focus-within:bg-muted/60"
            >
              {row.getAllCells().map((cell) => (
                <TableCell key={cell.id} className={cn("align-top", COLUMN_CLASS[cell.column.id])}>
                  <table.FlexRender cell={cell} />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <p id="inbox-keys" className="sr-only">
        {t("inbox.keyboardHint")}
      </p>
    </div>
  );
}
