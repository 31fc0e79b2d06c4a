import { defineConfig } from "drizzle-kit";

// Only `generate` runs through drizzle-kit; migrations are applied by scripts/db-migrate.ts as the owner role.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/*.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
