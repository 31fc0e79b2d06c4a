import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "../../db/schema/leads.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { runTenantStatement, withSystem, withTenant } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

let a: Awaited<ReturnType<typeof createTestDealership>>;
let b: Awaited<ReturnType<typeof createTestDealership>>;

beforeAll(async () => {
  a = await createTestDealership();
  b = await createTestDealership();
  await createTestLead(a.id);
  await createTestLead(b.id);
});
afterAll(() => closeDb());

/** Every pooled connection is back to the app role with no tenant set (8: more than one connection is checked). */
async function expectPooledConnectionsClean() {
  const checks = await Promise.all(
    Array.from({ length: 8 }, () =>
      getDb().execute<{ role: string; tenant: string | null }>(
        sql`select current_user as role, nullif(current_setting('app.dealership_id', true), '') as tenant`,
      ),
    ),
  );
  for (const { rows } of checks) expect(rows[0]).toEqual({ role: "norvalt_app", tenant: null });
}

describe("row-level security", () => {
  it("forces RLS with a policy on every table that has a dealership_id", async () => {
    const { rows } = await getDb().execute<{
      table_name: string;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(sql`
      select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and (exists (select 1 from information_schema.columns col
                     where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'dealership_id')
             or c.relname = 'dealerships')`);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const unprotected = rows.filter((r) => !r.rls || !r.forced || r.policies === 0).map((r) => r.table_name);
    expect(unprotected).toEqual([]);
  });

  it("connects as a role that is neither superuser nor BYPASSRLS and does not inherit the system role", async () => {
    const { rows } = await getDb().execute<{ rolsuper: boolean; rolbypassrls: boolean; inherits: boolean }>(
      sql`select rolsuper, rolbypassrls, pg_has_role(current_user, 'norvalt_system', 'USAGE') as inherits
          from pg_roles where rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, inherits: false });
  });

  it("reaches every tenant only through withSystem's SET LOCAL ROLE, for that transaction only", async () => {
    const everyone = await withSystem((tx) => tx.selectDistinct({ d: leads.dealershipId }).from(leads));
    expect(everyone.map((r) => r.d)).toEqual(expect.arrayContaining([a.id, b.id]));
    const { rows } = await getDb().execute<{ role: string }>(sql`select current_user as role`);
    expect(rows[0]!.role).toBe("norvalt_app");
  });

  it("returns zero rows to the app role when no tenant is set", async () => {
    const direct = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await direct.connect();
    try {
      const all = await direct.query("select count(*)::int as n from leads");
      const dealers = await direct.query("select count(*)::int as n from dealerships");
      expect(all.rows[0].n).toBe(0);
      expect(dealers.rows[0].n).toBe(0);
      // After a tenant transaction the setting reverts to '' on this connection; that must still match nothing.
      await direct.query("begin");
      await direct.query("select set_config('app.dealership_id', $1, true)", [a.id]);
      expect((await direct.query("select count(*)::int as n from leads")).rows[0].n).toBeGreaterThan(0);
      await direct.query("commit");
      expect((await direct.query("select count(*)::int as n from leads")).rows[0].n).toBe(0);
    } finally {
      await direct.end();
    }
  });

  it("shows a tenant only its own rows even without an explicit filter", async () => {
    const seen = await withTenant(a.id, (tx) => tx.select({ d: leads.dealershipId }).from(leads));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.d))).toEqual(new Set([a.id]));
  });

  it("refuses to write a row into another tenant", async () => {
    await expect(
      withTenant(a.id, (tx) =>
        tx.insert(leads).values({ dealershipId: b.id, source: "manual", customerName: "Inntrenger" }),
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
  });

  it("does not let one tenant update another tenant's rows", async () => {
    const updated = await withTenant(a.id, (tx) =>
      tx
        .update(leads)
        .set({ customerName: "Kapret" })
        .where(sql`${leads.dealershipId} = ${b.id}`)
        .returning(),
    );
    expect(updated).toEqual([]);
  });

  it("leaves nothing behind when the work fails, and the pooled connection carries neither tenant nor role on", async () => {
    const name = `Rullet tilbake ${Date.now()}`;
    await expect(
      withTenant(a.id, async (tx) => {
        await tx.insert(leads).values({ dealershipId: a.id, source: "manual", customerName: name });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const found = await withTenant(a.id, (tx) =>
      tx
        .select({ id: leads.id })
        .from(leads)
        .where(sql`${leads.customerName} = ${name}`),
    );
    expect(found).toEqual([]);
    await expectPooledConnectionsClean();
  });

  it("commits without waiting for the WAL flush only when asked, and only for that transaction", async () => {
    type Row = { value: string; server_default: string };
    const read = sql`select current_setting('synchronous_commit') as value,
      (select reset_val from pg_settings where name = 'synchronous_commit') as server_default`;
    const inside = await withTenant(a.id, async (tx) => (await tx.execute<Row>(read)).rows[0]!, {
      asyncCommit: true,
    });
    const after = await withTenant(a.id, async (tx) => (await tx.execute<Row>(read)).rows[0]!);
    expect(inside.value).toBe("off");
    // The test cluster itself runs with synchronous_commit off; what matters is that SET LOCAL did not leak.
    expect(after.value).toBe(after.server_default);
  });

  it("runs a one-message statement under the tenant's RLS, and rolls a failed one back", async () => {
    const rows = await runTenantStatement<{ dealership_id: string }>(
      a.id,
      "select distinct dealership_id from leads",
    );
    expect(rows).toEqual([{ dealership_id: a.id }]);
    const name = `Rullet tilbake ${Date.now()}`;
    await expect(
      runTenantStatement(
        a.id,
        `with stored as (insert into leads (dealership_id, source, customer_name) values ('${a.id}', 'manual', '${name}') returning id)
         select 1 / 0 from stored`,
      ),
    ).rejects.toThrow(/division by zero/);
    // Writing into another tenant is refused by the policy, as in withTenant.
    await expect(
      runTenantStatement(
        a.id,
        `insert into leads (dealership_id, source, customer_name) values ('${b.id}', 'manual', '${name}')`,
      ),
    ).rejects.toThrow(/row-level security/);
    const found = await withSystem((tx) =>
      tx
        .select({ id: leads.id })
        .from(leads)
        .where(sql`${leads.customerName} = ${name}`),
    );
    expect(found).toEqual([]);
    // A connection left inside the failed transaction would still carry the tenant, or refuse every query.
    await expectPooledConnectionsClean();
  });

  it("rejects a dealership id that is not a UUID before touching the database", async () => {
    await expect(withTenant("x'; drop table leads; --", async () => 1)).rejects.toThrow(
      /not a dealership id/,
    );
  });
});
