import type { AnalyticsTable } from "./schemas.ts";
import type { AnalyticsSummary } from "./get-analytics-summary.ts";

type Cell = string | number | null;

/**
 * One table of the summary as CSV (RFC 4180, CRLF), with the previous period's figure beside the current one
 * where the rows line up. A cell that a spreadsheet would run as a formula (= + - @) is prefixed with '.
 */
export function toAnalyticsCsv(summary: AnalyticsSummary, table: AnalyticsTable): string {
  const { current: c, previous: p } = summary;
  const rows: Cell[][] = (() => {
    switch (table) {
      case "leads_per_day":
        return [["day", "leads"], ...c.leads.perDay.map((d) => [d.day, d.count])];
      case "by_source":
        return keyed("source", c.leads.bySource, p.leads.bySource);
      case "by_status":
        return keyed("status", c.leads.byStatus, p.leads.byStatus);
      case "funnel":
        return [
          ["stage", "leads", "conversion", "previous_leads", "previous_conversion"],
          ...c.funnel.map((f, i) => [
            f.stage,
            f.leads,
            f.conversion,
            p.funnel[i]?.leads ?? null,
            p.funnel[i]?.conversion ?? null,
          ]),
        ];
      case "lost_reasons":
        return [["reason", "leads"], ...c.lostReasons.map((r) => [r.reason, r.count])];
      case "vehicles":
        return [
          ["vehicle_id", "vehicle", "leads"],
          ...c.vehicles.map((v) => [v.vehicleId, v.label, v.count]),
        ];
      case "models":
        return [["make_model", "leads"], ...c.models.map((m) => [m.model, m.count])];
      case "reps":
        return [
          [
            "name",
            "role",
            "assigned",
            "human_first_contact_p50_s",
            "human_first_contact_p90_s",
            "calls_logged",
            "won",
            "open_tasks_overdue",
          ],
          ...c.reps.map((r) => [
            r.name,
            r.role,
            r.assigned,
            r.humanFirstContact.p50,
            r.humanFirstContact.p90,
            r.callsLogged,
            r.won,
            r.openTasksOverdue,
          ]),
        ];
      case "follow_ups": {
        const before = new Map(summary.previousFollowUpEffect.map((e) => [e.step, e]));
        return [
          [
            "step",
            "sent",
            "replied",
            "reply_rate",
            "previous_sent",
            "previous_replied",
            "previous_reply_rate",
          ],
          ...summary.followUpEffect.map((e) => [
            e.step,
            e.sent,
            e.replied,
            e.replyRate,
            before.get(e.step)?.sent ?? 0,
            before.get(e.step)?.replied ?? 0,
            before.get(e.step)?.replyRate ?? null,
          ]),
        ];
      }
    }
  })();
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function keyed(name: string, current: Record<string, number>, previous: Record<string, number>): Cell[][] {
  return [
    [name, "leads", "previous_leads"],
    ...Object.keys(current).map((k) => [k, current[k]!, previous[k] ?? 0]),
  ];
}

export function csvCell(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
