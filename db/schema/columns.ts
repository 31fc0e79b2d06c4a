import { timestamp, uuid } from "drizzle-orm/pg-core";
import { dealerships } from "./dealerships.ts";

export const dealershipIdColumn = () =>
  uuid("dealership_id")
    .notNull()
    .references(() => dealerships.id, { onDelete: "cascade" });
/**
 * The tenant of a row derived from a lead by a trigger (the search-term tables): no foreign key of its own. The
 * row goes with its lead (lead_id cascades, and the lead with its dealership), and the trigger copies the lead's
 * dealership_id, which RLS checks as for any row. A key here cost one more check per term row, on the hot path of
 * every new lead (bench:ingest).
 */
export const derivedDealershipIdColumn = () => uuid("dealership_id").notNull();
export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAtColumn = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
