// Contract tests for the library internals our performance code relies on. pg-boss, drizzle-orm and pg are pinned
// to exact versions in package.json; an upgrade that changes any of these behaviours fails here, loudly and by
// name, instead of silently in production (a heartbeat that never sees a lost claim, a transaction without its
// tenant). Used by jobs/dispatch-queue.ts, lib/db/tenant.ts and lib/db/statement-cache.ts.
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { fromDrizzle, PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { BOSS_SCHEMA } from "../../lib/jobs/boss.ts";
import { createTestTenant } from "../helpers/factories.ts";

const QUEUE = "contract.touch";
let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({
    connectionString: process.env.MIGRATION_DATABASE_URL!,
    schema: BOSS_SCHEMA,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {});
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) await boss.createQueue(QUEUE, { heartbeatSeconds: 10, retryLimit: 2 });
});

afterAll(async () => {
  await boss.deleteQueue(QUEUE).catch(() => {});
  await boss.stop({ graceful: false, close: true });
  await closeDb();
});

describe("pinned versions", () => {
  it("package.json pins pg-boss, drizzle-orm and pg exactly (no range), matching what is installed", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const name of ["pg-boss", "drizzle-orm", "pg"]) {
      const installed = (
        JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }
      ).version;
      expect(manifest.dependencies[name], name).toBe(installed);
    }
  });
});

describe("pg-boss (jobs/dispatch-queue.ts)", () => {
  it("fetch hands out id, data, retryCount, expireInSeconds and heartbeatSeconds", async () => {
    const id = await boss.send(QUEUE, { n: 1 });
    const [job] = await boss.fetch(QUEUE, { batchSize: 1 });
    expect(job).toMatchObject({ id, data: { n: 1 }, retryCount: 0, heartbeatSeconds: 10 });
    expect(typeof job!.expireInSeconds).toBe("number");
    await boss.complete(QUEUE, [{ id: job!.id, retryCount: job!.retryCount }]);
  });

  it("touch answers the ids it refreshed in `settled`, and leaves out a job that is no longer active", async () => {
    const first = await boss.send(QUEUE, { n: 2 });
    const second = await boss.send(QUEUE, { n: 3 });
    const jobs = await boss.fetch(QUEUE, { batchSize: 2 });
    expect(jobs.map((j) => j.id).sort()).toEqual([first, second].sort());
    const attempts = jobs.map((j) => ({ id: j.id, retryCount: j.retryCount }));

    const touched = (await boss.touch(QUEUE, attempts)) as { settled?: string[] };
    expect(touched.settled?.sort()).toEqual([first, second].sort());

    await boss.complete(
      QUEUE,
      attempts.filter((a) => a.id === first),
    );
    const after = (await boss.touch(QUEUE, attempts)) as { settled?: string[] };
    expect(after.settled).toEqual([second]);
    await boss.complete(
      QUEUE,
      attempts.filter((a) => a.id === second),
    );
  });

  it("complete and fail are fenced to the attempt: a stale retryCount settles nothing", async () => {
    const id = (await boss.send(QUEUE, { n: 4 }))!;
    const [job] = await boss.fetch(QUEUE, { batchSize: 1 });
    const stale = (await boss.complete(QUEUE, [{ id, retryCount: job!.retryCount + 1 }])) as {
      settled?: string[];
    };
    expect(stale.settled).toEqual([]);
    const failed = (await boss.fail(QUEUE, { id, retryCount: job!.retryCount }, { message: "x" })) as {
      settled?: string[];
    };
    expect(failed.settled).toEqual([id]);
    expect((await boss.getJobById(QUEUE, id))?.state).toBe("retry");
  });

  it("fromDrizzle(tx, sql) sends inside our withSystem/withTenant transaction: a rollback leaves no job", async () => {
    let sent: string | null = null;
    await expect(
      withSystem(async (tx) => {
        sent = await boss.send(QUEUE, { n: 5 }, { db: fromDrizzle(tx, sql) });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(sent).toBeTruthy();
    expect(await boss.getJobById(QUEUE, sent!)).toBeNull();
  });

  it("send makes one executeSql call with the job list as its one parameter, and answers the row's id or null", async () => {
    // What lib/jobs/enqueue.ts's COMMIT adapter relies on: it queues that call and answers the row itself.
    const calls: { text: string; values: unknown[] }[] = [];
    const answering = (rows: { id: string }[]) => ({
      executeSql: async (text: string, values: unknown[]) => {
        calls.push({ text, values });
        return { rows };
      },
    });
    const id = crypto.randomUUID();
    expect(await boss.send(QUEUE, { n: 6 }, { id, db: answering([{ id }]) })).toBe(id);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.values).toHaveLength(1);
    expect(JSON.parse(calls[0]!.values[0] as string)).toMatchObject([{ id, name: QUEUE, data: { n: 6 } }]);
    expect(calls[0]!.text).toContain("$1");
    expect(calls[0]!.text).not.toMatch(/\$(?:[02-9]|1\d)/);
    expect(await boss.send(QUEUE, { n: 7 }, { id: crypto.randomUUID(), db: answering([]) })).toBeNull();
    expect(calls).toHaveLength(2);
  });
});

describe("drizzle-orm (lib/db/tenant.ts)", () => {
  it("exports the session and transaction classes, and db._ carries the relational schema", () => {
    expect(typeof NodePgSession).toBe("function");
    expect(typeof NodePgTransaction).toBe("function");
    expect(typeof PgDialect).toBe("function");
    const { fullSchema, schema, tableNamesMap } = getDb()._;
    expect(fullSchema).toHaveProperty("dealerships");
    expect(schema).toHaveProperty("dealerships");
    expect(Object.keys(tableNamesMap).length).toBeGreaterThan(10);
  });

  it("a withTenant transaction runs the query builder, the relational API and raw SQL on our connection", async () => {
    const tenant = await createTestTenant("Kontrakt Bil AS");
    const found = await withTenant(tenant.id, async (tx) => ({
      setting: (await tx.execute<{ id: string }>(sql`select current_setting('app.dealership_id') as id`))
        .rows[0]?.id,
      builder: await tx.select({ id: dealerships.id }).from(dealerships),
      relational: await tx.query.dealerships.findFirst({ columns: { id: true } }),
      carried: tx.dealershipId,
    }));
    expect(found).toEqual({
      setting: tenant.id,
      builder: [{ id: tenant.id }],
      relational: { id: tenant.id },
      carried: tenant.id,
    });
  });
});

describe("pg (lib/db/statement-cache.ts)", () => {
  it("Client.prototype.query is a plain method our subclass can wrap", () => {
    expect(typeof pg.Client.prototype.query).toBe("function");
    expect(Object.getOwnPropertyDescriptor(pg.Client.prototype, "query")?.writable).toBe(true);
  });
});
