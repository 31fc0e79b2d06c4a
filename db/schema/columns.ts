import { timestamp, uuid } from "drizzle-orm/pg-core";
import { dealerships } from "./dealerships.ts";

export const dealershipIdColumn = () =>
  uuid("dealership_id")
    .notNull()
    .references(() => dealerships.id, { onDelete: "cascade" });
export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAtColumn = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
