import type { LeadSource, LeadStatus } from "../../db/schema/enums.ts";

// Client-safe (no zod, no server code): the inbox's filters build their links with it.

export const DATE_PRESETS = ["today", "7d", "30d", "90d", "custom"] as const;
/** Saved views; a sales rep's inbox opens on "mine" (Mine som trenger handling), everyone else's on "all". */
export const INBOX_VIEWS = ["mine", "unassigned", "waiting", "drafts", "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** The inbox's state as it lives in the URL (shareable, and the back button restores it). */
export type InboxParams = {
  status?: LeadStatus;
  source?: LeadSource;
  range?: (typeof DATE_PRESETS)[number];
  /** Calendar days (YYYY-MM-DD) in the dealership's time zone, for range=custom. */
  from?: string;
  to?: string;
  /** "me", "unassigned" or a colleague's user id. */
  assigned?: string;
  view?: InboxView;
  q?: string;
  page: number;
};

/** The inbox URL for `params` with `changes` applied; a filter change goes back to page 1. */
export function inboxHref(params: Partial<InboxParams>, changes: Partial<InboxParams> = {}): string {
  const next: Partial<InboxParams> = { ...params, page: undefined, ...changes };
  if (next.range !== "custom") {
    next.from = undefined;
    next.to = undefined;
  }
  const search = new URLSearchParams();
  for (const key of ["view", "status", "source", "range", "from", "to", "assigned", "q", "page"] as const) {
    const value = next[key];
    if (value !== undefined && value !== "" && !(key === "page" && value === 1))
      search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `/leads?${query}` : "/leads";
}
