import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "../../env.ts";
import { closeDb } from "../../lib/db/client.ts";
import { POOL_IDLE_TIMEOUT_MS } from "../../lib/db/client.ts";
import { StatementCachingClient } from "../../lib/db/statement-cache.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { BOSS_SCHEMA, bossPoolOptions } from "../../lib/jobs/boss.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

afterAll(() => closeDb());

/** One connection, so pg_prepared_statements (per session) shows what this client prepared. */
async function withOneConnection<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({
    connectionString: requireDatabaseUrl(),
    max: 1,
    Client: StatementCachingClient,
  });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

const preparedTexts = async (pool: pg.Pool) =>
  (await pool.query<{ statement: string }>("select statement from pg_prepared_statements")).rows.map(
    (r) => r.statement,
  );

describe("StatementCachingClient", () => {
  it("prepares a parameterised statement once it repeats, and answers the same as before", async () => {
    await withOneConnection(async (pool) => {
      const text = `select $1::int + 1 as n, '${randomUUID()}' as tag`;
      const answers: number[] = [];
      for (let i = 0; i < 2; i++) answers.push((await pool.query<{ n: number }>(text, [i])).rows[0]!.n);
      expect(await preparedTexts(pool)).not.toContain(text);
      for (let i = 2; i < 5; i++)
        answers.push((await pool.query<{ n: number }>({ text, values: [i] })).rows[0]!.n);
      expect(answers).toEqual([1, 2, 3, 4, 5]);
      expect((await preparedTexts(pool)).filter((t) => t === text)).toHaveLength(1);
    });
  });

  it("leaves statements without parameters on the simple protocol", async () => {
    await withOneConnection(async (pool) => {
      const text = `select 1 as one, '${randomUUID()}' as tag`;
      for (let i = 0; i < 5; i++) await pool.query(text);
      expect(await preparedTexts(pool)).not.toContain(text);
    });
  });

  it("keeps row-level security exact when a cached plan serves several tenants and the system role", async () => {
    const a = await createTestDealership();
    const b = await createTestDealership();
    const marker = `Planbuffer ${randomUUID().slice(0, 8)}`;
    await createTestLead(a.id, { customerName: `${marker} A` });
    await createTestLead(b.id, { customerName: `${marker} B` });
    const namesSeenBy = (run: typeof withSystem) =>
      run(async (tx) => {
        const { rows } = await tx.execute<{ customer_name: string }>(
          sql`select customer_name from leads where customer_name like ${`${marker}%`} order by 1`,
        );
        return rows.map((r) => r.customer_name);
      });
    // Enough rounds for the statement to be named and for Postgres to switch to a generic plan (after 5).
    for (let round = 0; round < 8; round++) {
      expect(await namesSeenBy((fn) => withTenant(a.id, fn))).toEqual([`${marker} A`]);
      expect(await namesSeenBy((fn) => withTenant(b.id, fn))).toEqual([`${marker} B`]);
      expect(await namesSeenBy(withSystem)).toEqual([`${marker} A`, `${marker} B`]);
    }
  });

  it("reaches pg-boss's own pool with our idle timeout (its types declare neither option)", async () => {
    const idleTimeouts: unknown[] = [];
    // pg.Pool constructs its clients with its own options: what a client receives is what the pool was given.
    class CountingClient extends StatementCachingClient {
      constructor(config?: pg.ClientConfig) {
        super(config);
        idleTimeouts.push((config as { idleTimeoutMillis?: number } | undefined)?.idleTimeoutMillis);
      }
    }
    const boss = new PgBoss({
      connectionString: requireDatabaseUrl(),
      schema: BOSS_SCHEMA,
      migrate: false,
      createSchema: false,
      supervise: false,
      schedule: false,
      ...bossPoolOptions(),
      ...{ Client: CountingClient },
    });
    boss.on("error", () => {});
    await boss.start();
    try {
      await boss.getQueues();
      expect(idleTimeouts.length).toBeGreaterThan(0);
      expect(new Set(idleTimeouts)).toEqual(new Set([POOL_IDLE_TIMEOUT_MS]));
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
    expect(bossPoolOptions()).toEqual({
      Client: StatementCachingClient,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    });
    expect(bossPoolOptions({ NORVALT_DB_STATEMENT_CACHE: "off" })).toMatchObject({
      Client: pg.Client,
    });
  });
});
