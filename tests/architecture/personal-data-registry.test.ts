import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  PERSONAL_DATA_TABLES,
  TABLES_WITHOUT_CUSTOMER_DATA,
} from "../../lib/privacy/personal-data-tables.ts";

// The migrated test database is the truth: hand-written SQL tables count as much as Drizzle ones.
const pool = new pg.Pool({ connectionString: inject("ownerDatabaseUrl"), max: 1 });
afterAll(() => pool.end());

const registered = new Set(PERSONAL_DATA_TABLES.map((t) => t.table));

async function columnsByTable(): Promise<Map<string, Map<string, string>>> {
  const { rows } = await pool.query<{ table: string; column: string; udt: string }>(`
    select c.table_name as table, c.column_name as column, c.udt_name as udt
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`);
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    if (!tables.has(row.table)) tables.set(row.table, new Map());
    tables.get(row.table)!.set(row.column, row.udt);
  }
  return tables;
}

describe("the personal-data registry (lib/privacy/personal-data-tables.ts)", () => {
  it("classifies every table: registered with the eraser/exporter, or listed as holding no customer data", async () => {
    const tables = await columnsByTable();
    const unclassified = [...tables.keys()].filter(
      (table) => !registered.has(table) && !(table in TABLES_WITHOUT_CUSTOMER_DATA),
    );
    expect(
      unclassified,
      "Register these in PERSONAL_DATA_TABLES (one line: { table, find: { leadColumn: 'lead_id' }, erase: { kind: 'delete' } }) " +
        "or, if they hold nothing about customers, in TABLES_WITHOUT_CUSTOMER_DATA with the reason",
    ).toEqual([]);
  });

  it("registers every table that points at a lead or names a contact (an exemption cannot hide one)", async () => {
    const tables = await columnsByTable();
    const contactish = /(^|_)(lead_id|customer_|email|phone|to_address|from_email|request_body|sender)/;
    const suspicious = [...tables.entries()]
      .filter(([table]) => !registered.has(table))
      .filter(([, columns]) => [...columns.keys()].some((c) => c === "lead_id" || c.startsWith("customer_")))
      .map(([table]) => table);
    expect(suspicious).toEqual([]);
    // Staff tables hold e-mail and phone columns of the dealership's own people; they must say so.
    for (const [table, columns] of tables)
      if (!registered.has(table) && [...columns.keys()].some((c) => contactish.test(c)))
        expect(TABLES_WITHOUT_CUSTOMER_DATA[table], table).toMatch(
          /staff|dealership|hashed|vendor|addresses/i,
        );
  });

  it("names only columns and tables that exist, with text or JSON where text is searched", async () => {
    const tables = await columnsByTable();
    const { rows: job } = await pool.query<{ column: string }>(
      `select column_name as column from information_schema.columns where table_schema = 'pgboss' and table_name = 'job'`,
    );
    tables.set("pgboss.job", new Map(job.map((r) => [r.column, "jsonb"])));
    for (const entry of PERSONAL_DATA_TABLES) {
      const columns = tables.get(entry.table);
      expect(columns, entry.table).toBeDefined();
      const named = [
        entry.find.leadColumn,
        ...(entry.find.addressColumns ?? []),
        ...(entry.find.textColumns ?? []),
        ...(entry.exportOmit ?? []),
        ...(entry.erase.kind === "anonymise" ? Object.keys(entry.erase.set) : []),
      ].filter((c): c is string => Boolean(c));
      for (const column of named) expect(columns!.has(column), `${entry.table}.${column}`).toBe(true);
      for (const column of entry.find.textColumns ?? [])
        expect(["text", "varchar", "jsonb", "json"], `${entry.table}.${column}`).toContain(
          columns!.get(column),
        );
      if (!entry.tenantExpr) expect(columns!.has("dealership_id"), `${entry.table}.dealership_id`).toBe(true);
    }
  });
});
