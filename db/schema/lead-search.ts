import { customType, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { derivedDealershipIdColumn } from "./columns.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";

// Byte order ("C"): a prefix range is then exactly the strings that start with the prefix, in any database locale.
const binaryText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

/**
 * Inbox search: every word of a lead's name and e-mail and its phone digits, one row each, kept by triggers on
 * leads (migration 0006). Searched by prefix with `>=`/`<` on a "C"-collated btree. A pg_trgm or tsvector index
 * cannot serve the inbox: under forced RLS only leakproof operators become index conditions, and ILIKE, `%` and
 * `@@` are not leakproof, so Postgres would scan the tenant's rows and filter them. Text comparison is leakproof.
 */
export const leadSearchTerms = pgTable(
  "lead_search_terms",
  {
    dealershipId: derivedDealershipIdColumn(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    term: binaryText("term").notNull(),
    // The lead's created_at, so a prefix scan yields the newest matches first without visiting leads.
    leadCreatedAt: timestamp("lead_created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.leadId, t.term] }),
    index("lead_search_terms_prefix_idx").on(t.dealershipId, t.term, t.leadCreatedAt.desc().nullsFirst()),
    ...tenantPolicies(),
  ],
);
