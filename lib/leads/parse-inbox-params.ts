import { z } from "zod";
import { LEAD_SOURCES, LEAD_STATUSES } from "../../db/schema/enums.ts";
import { addDays, startOfZonedDay, zonedToday } from "../dates/time-zone.ts";
import type { LeadListFilter } from "./find-leads.ts";
import { DATE_PRESETS, INBOX_VIEWS, type InboxParams } from "./inbox-href.ts";

export const INBOX_PAGE_SIZE = 25;
const DAYS_BACK = { today: 0, "7d": 6, "30d": 29, "90d": 89 } as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// A shared or hand-edited URL with a bad value shows the inbox without that filter rather than an error page.
const inboxParams = z.object({
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  source: z.enum(LEAD_SOURCES).optional().catch(undefined),
  range: z.enum(DATE_PRESETS).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  assigned: z
    .union([z.enum(["me", "unassigned"]), z.uuid()])
    .optional()
    .catch(undefined),
  view: z.enum(INBOX_VIEWS).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(40_000).catch(1).default(1),
}) satisfies z.ZodType<InboxParams, unknown>;

/** URL → the state shown by the filters and the query's filter, dates as calendar days in the dealership's zone. */
export function parseInboxParams(
  raw: Record<string, string | string[] | undefined>,
  context: { userId: string; timeZone: string; now?: Date; role?: string },
): { params: InboxParams; filter: LeadListFilter } {
  const single = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = inboxParams.parse(single);
  // A rep's inbox opens on what needs their hands; a link with any filter shows what it names.
  const bare = Object.values(single).every((v) => v === undefined || v === "");
  if (!params.view && bare && context.role === "sales_rep") params.view = "mine";
  if (!params.q) params.q = undefined;
  const { timeZone } = context;
  let fromDay: string | undefined;
  let toDay: string | undefined;
  if (params.range === "custom") {
    fromDay = params.from;
    toDay = params.to;
  } else if (params.range) {
    toDay = zonedToday(timeZone, context.now);
    fromDay = addDays(toDay, -DAYS_BACK[params.range]);
  }
  const filter: LeadListFilter = {
    status: params.status,
    source: params.source,
    search: params.q,
    assignedTo:
      params.assigned === "me"
        ? context.userId
        : params.assigned !== "unassigned"
          ? params.assigned
          : undefined,
    view: params.view,
    viewerId: context.userId,
    now: context.now,
    unassigned: params.assigned === "unassigned",
    from: fromDay ? startOfZonedDay(fromDay, timeZone) : undefined,
    // "to" is inclusive for people: up to the start of the next day.
    to: toDay ? startOfZonedDay(addDays(toDay, 1), timeZone) : undefined,
    limit: INBOX_PAGE_SIZE,
    offset: (params.page - 1) * INBOX_PAGE_SIZE,
  };
  return { params, filter };
}
