import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

/**
 * A dealership's reply templates (snippets) for the lead page's reply form. The body may hold variables
 * ({fornavn}, {bil}, {selger}, {åpningstider}) that are filled in when a rep picks the template.
 */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    name: text("name").notNull(),
    body: text("body").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index("reply_templates_dealership_idx").on(t.dealershipId, t.name), ...tenantPolicies()],
);
