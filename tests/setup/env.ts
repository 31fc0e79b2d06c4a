import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.MIGRATION_DATABASE_URL = inject("ownerDatabaseUrl");
process.env.APP_URL ??= "http://localhost:3000";
