import { sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "../db/tenant.ts";
import { personCondition, tableName, type Person } from "./find-person.ts";
import { PERSONAL_DATA_TABLES, type ColumnScrub, type PersonalDataTable } from "./personal-data-tables.ts";

/** What erasing did, per table: rows deleted, anonymised or kept (counts only, no personal data). */
export type EraseSummary = Record<string, { deleted?: number; anonymised?: number; kept?: number }>;

const REPLACEMENT = "[slettet]";

/**
 * Walks the registry in order and deletes or anonymises every row about the person, inside the caller's
 * transaction (erasePerson; retention passes the same Person shape for a stale lead).
 */
export async function applyEraseRules(
  tx: TenantTx,
  person: Person,
  tables: readonly PersonalDataTable[] = PERSONAL_DATA_TABLES,
): Promise<EraseSummary> {
  const summary: EraseSummary = {};
  for (const entry of tables) {
    const where = personCondition(tx, entry, person);
    if (!where) continue;
    const extra = entry.eraseWhere ? sql` and (${sql.raw(entry.eraseWhere)})` : sql``;
    const target = tableName(entry);
    const rule = entry.erase;
    if (rule.kind === "keep") {
      const result = await tx.execute<{ n: number }>(
        sql`select count(*)::int as n from ${target} where ${where}`,
      );
      const n = result.rows[0]?.n ?? 0;
      if (n > 0) summary[entry.table] = { kept: n };
      continue;
    }
    if (rule.kind === "delete") {
      const result = await tx.execute(sql`delete from ${target} where ${where}${extra}`);
      if (result.rowCount) summary[entry.table] = { deleted: result.rowCount };
      continue;
    }
    const assignments = Object.entries(rule.set).map(
      ([column, scrub]) => sql`${sql.identifier(column)} = ${scrubExpression(column, scrub, person)}`,
    );
    const result = await tx.execute(
      sql`update ${target} set ${sql.join(assignments, sql`, `)} where ${where}${extra}`,
    );
    if (result.rowCount) summary[entry.table] = { anonymised: result.rowCount };
  }
  return summary;
}

function scrubExpression(column: string, scrub: ColumnScrub, person: Person): SQL {
  const col = sql`${sql.identifier(column)}`;
  switch (scrub) {
    case "null":
      return sql`null`;
    case "empty-text":
      return sql`''`;
    case "empty-json":
      return sql`'{}'::jsonb`;
    case "empty-json-array":
      return sql`'[]'::jsonb`;
    case "now":
      return sql`now()`;
    case "now-if-null":
      return sql`coalesce(${col}, now())`;
    case "scrub":
      return person.pattern ? sql`regexp_replace(${col}, ${person.pattern}, ${REPLACEMENT}, 'gi')` : col;
    case "scrub-json":
      return person.pattern
        ? sql`regexp_replace(${col}::text, ${person.pattern}, ${REPLACEMENT}, 'gi')::jsonb`
        : col;
  }
}
