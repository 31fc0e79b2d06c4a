"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Bot, CircleAlert, CirclePause, FileClock, Loader } from "lucide-react";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { NextActionBadge } from "@/components/leads/next-action-badge";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/cn";
import type { AiState } from "@/lib/leads/find-leads";
import { BulkBar } from "./bulk-bar";
import type { InboxRow } from "./to-inbox-rows";

// A plain column list: the inbox neither sorts nor filters on the client (the server does), so a table library
// would only add weight to the page every rep loads first.
type Column = { id: string; header: React.ReactNode; cell: (lead: InboxRow) => React.ReactNode };
// Narrow screens (a phone on the showroom floor) keep the customer and status; the rest moves into the first cell.
// The whole row opens the lead (the name's link is stretched over it); owner and next action stay visible.
const COLUMN_CLASS: Record<string, string> = {
  select: "w-8 pr-0",
  customer: "whitespace-normal",
  next: "hidden md:table-cell whitespace-normal min-w-[10rem]",
  vehicle: "hidden xl:table-cell whitespace-normal min-w-[9rem]",
  source: "hidden xl:table-cell",
  status: "hidden sm:table-cell",
  received: "hidden lg:table-cell whitespace-nowrap",
  assigned: "hidden lg:table-cell whitespace-normal",
  // The first response time sits under the AI state: a column of its own pushed the table past 1280 px.
  ai: "hidden xl:table-cell",
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
export function LeadsTable({
  rows,
  filtered,
  nothingForMe = false,
  team,
  canBulk,
}: {
  rows: InboxRow[];
  filtered: boolean;
  /** The rep's default view ("Mine som trenger handling") is empty: nothing waits for them. */
  nothingForMe?: boolean;
  team: { id: string; name: string }[];
  canBulk: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const body = useRef<HTMLTableSectionElement>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const visible = selected.filter((id) => rows.some((r) => r.id === id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((x) => x !== id)));
  const columns: Column[] = [
    ...(canBulk
      ? [
          {
            id: "select",
            header: (
              <input
                type="checkbox"
                className="relative z-10 size-4"
                aria-label={t("inbox.selectAll")}
                checked={rows.length > 0 && rows.every((r) => selected.includes(r.id))}
                onChange={(e) => setSelected(e.target.checked ? rows.map((r) => r.id) : [])}
              />
            ),
            cell: (lead: InboxRow) => (
              <input
                type="checkbox"
                className="relative z-10 size-4"
                aria-label={t("inbox.select", { name: lead.name })}
                checked={selected.includes(lead.id)}
                onChange={(e) => toggle(lead.id, e.target.checked)}
                data-testid="select-lead"
              />
            ),
          },
        ]
      : []),
    {
      id: "customer",
      header: t("inbox.customer"),
      cell: (lead) => (
        <div className="min-w-0">
          {lead.unread ? (
            <span
              className="bg-primary mr-1.5 inline-block size-2 rounded-full align-middle"
              data-testid="unread"
            >
              <span className="sr-only">{t("inbox.unread")}</span>
            </span>
          ) : null}
          <Link
            href={`/leads/${lead.id}`}
            className={cn(
              "break-words after:absolute after:inset-0 hover:underline focus-visible:underline",
              lead.unread ? "font-bold" : "font-medium",
            )}
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
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 md:hidden">
            <NextActionBadge action={lead.nextAction} overdueLabel={t("nextAction.overdue")} />
            <span className="sm:hidden">
              <LeadStatusBadge status={lead.status} label={t(`status.${lead.status}`)} />
            </span>
          </div>
          <div className="text-muted-foreground mt-1 text-xs lg:hidden" data-testid="row-owner">
            {lead.assignedToName ?? t("inbox.unassigned")} · {lead.received}
          </div>
          <div className="text-muted-foreground max-w-[16rem] truncate text-xs sm:max-w-[22rem] xl:max-w-[18rem]">
            <span className="xl:hidden">{lead.vehicle ? `${lead.vehicle} · ` : ""}</span>
            {lead.message}
          </div>
        </div>
      ),
    },
    {
      id: "next",
      header: t("inbox.nextAction"),
      cell: (lead) => (
        <div className="space-y-1">
          <NextActionBadge action={lead.nextAction} overdueLabel={t("nextAction.overdue")} />
          {lead.aiSilence ? (
            <p className="text-muted-foreground text-xs">{t(`nextAction.why.${lead.aiSilence}`)}</p>
          ) : null}
        </div>
      ),
    },
    { id: "vehicle", header: t("inbox.vehicle"), cell: (lead) => lead.vehicle ?? "—" },
    { id: "source", header: t("inbox.source"), cell: (lead) => t(`source.${lead.source}`) },
    {
      id: "status",
      header: t("inbox.status"),
      cell: (lead) => <LeadStatusBadge status={lead.status} label={t(`status.${lead.status}`)} />,
    },
    {
      id: "received",
      header: t("inbox.received"),
      cell: (lead) => <time title={lead.receivedTitle}>{lead.received}</time>,
    },
    {
      id: "assigned",
      header: t("inbox.assignedTo"),
      cell: (lead) =>
        lead.assignedToName ?? <span className="text-muted-foreground">{t("inbox.unassigned")}</span>,
    },
    {
      id: "ai",
      header: t("inbox.ai"),
      cell: (lead) => {
        const Icon = AI_ICON[lead.aiState];
        return (
          <>
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
            {lead.responseTime ? (
              <span
                className="text-muted-foreground mt-1 block text-xs whitespace-nowrap"
                data-testid="response-time"
              >
                <span className="sr-only">{t("inbox.responseTime")}: </span>
                {lead.responseTime}
              </span>
            ) : null}
          </>
        );
      },
    },
  ];

  if (rows.length === 0)
    return (
      <div
        className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm"
        data-testid="inbox-empty"
      >
        <p className="text-foreground font-medium">
          {t(nothingForMe ? "inbox.emptyMine" : filtered ? "inbox.emptyFiltered" : "inbox.empty")}
        </p>
        {nothingForMe ? (
          <Link href="/leads?view=all" className="mt-2 inline-block underline">
            {t("inbox.showAllLeads")}
          </Link>
        ) : filtered ? (
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
    <div className="space-y-3">
      {canBulk && visible.length > 0 ? (
        <BulkBar leadIds={visible} team={team} onDone={() => setSelected([])} />
      ) : null}
      <div className="rounded-lg border">
        <Table data-testid="leads-table" aria-describedby="inbox-keys">
          <TableHeader>
            <TableRow>
              {columns.map((column) => (
                <TableHead key={column.id} className={COLUMN_CLASS[column.id]}>
                  {column.header}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody ref={body} onKeyDown={onKeyDown}>
            {rows.map((lead) => (
              <TableRow
                key={lead.id}
                data-lead-id={lead.id}
                data-status={lead.status}
                data-source={lead.source}
                data-unread={lead.unread || undefined}
                className="hover:bg-muted/40 focus-within:bg-muted/60 relative cursor-pointer"
              >
                {columns.map((column) => (
                  <TableCell key={column.id} className={cn("align-top", COLUMN_CLASS[column.id])}>
                    {column.cell(lead)}
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
    </div>
  );
}
