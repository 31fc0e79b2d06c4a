import { sql } from "drizzle-orm";
import type { TenantTx } from "../db/tenant.ts";
import { findPerson, personCondition, tableName, type PersonQuery } from "./find-person.ts";
import { PERSONAL_DATA_TABLES, type PersonalDataTable } from "./personal-data-tables.ts";

/** GDPR art. 15/20: everything stored about one person, machine-readable, table by table (snake_case as stored). */
export type PersonExport = {
  format: "norvalt.person-export.v1";
  generated_at: string;
  subject: { emails: string[]; phones: string[]; names: string[] };
  tables: Record<string, Record<string, unknown>[]>;
};

/** Collects the export in the caller's transaction, walking the same registry the eraser walks. */
export async function collectPersonExport(
  tx: TenantTx,
  query: PersonQuery,
  options: { now?: Date; tables?: readonly PersonalDataTable[] } = {},
): Promise<PersonExport> {
  const person = await findPerson(tx, query);
  const tables: PersonExport["tables"] = {};
  for (const entry of options.tables ?? PERSONAL_DATA_TABLES) {
    if (entry.exported === false) continue;
    const where = personCondition(tx, entry, person);
    if (!where) continue;
    const omit = (entry.exportOmit ?? []).map((column) => sql` - ${column}::text`);
    const result = await tx.execute<{ row: Record<string, unknown> }>(
      sql`select to_jsonb(t)${sql.join(omit, sql``)} as row from ${tableName(entry)} t where ${where}`,
    );
    if (result.rows.length > 0) tables[entry.table] = result.rows.map((r) => r.row);
  }
  return {
    format: "norvalt.person-export.v1",
    generated_at: (options.now ?? new Date()).toISOString(),
    subject: { emails: person.emails, phones: person.phones, names: person.names },
    tables,
  };
}
