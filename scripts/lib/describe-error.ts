import { EnvError } from "../../env.ts";

/** One readable line for the errors an operator can fix: bad env, unreachable database, wrong credentials. */
export function describeError(err: unknown): string {
  if (err instanceof EnvError) return err.message;
  // Drizzle wraps driver errors ("Failed query: …"); the cause says what went wrong.
  if (err instanceof Error && err.cause) return describeError(err.cause);
  const e = err as { code?: string; address?: string; port?: number; message?: string };
  if (
    e.code === "ECONNREFUSED" ||
    e.code === "ENOTFOUND" ||
    e.code === "ETIMEDOUT" ||
    e.code === "EHOSTUNREACH"
  ) {
    const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ""}` : "the configured host";
    return `Cannot reach the database at ${where} (${e.code}). Is Postgres running, and are DATABASE_URL / MIGRATION_DATABASE_URL right?`;
  }
  if (e.code === "28P01")
    return "The database rejected the password (check DATABASE_URL / MIGRATION_DATABASE_URL).";
  if (e.code === "3D000") return `The database does not exist: ${e.message}`;
  if (err instanceof AggregateError && err.errors[0]) return describeError(err.errors[0]);
  return e.message ?? String(err);
}
