import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "../../env.ts";
import { leads } from "../../db/schema/leads.ts";
import { closeDb } from "../../lib/db/client.ts";
import {
  buildCommitMessage,
  losesPreparedStatements,
  rememberPrepared,
  sendWithCommit,
} from "../../lib/db/send-with-commit.ts";
import { withSystem, withTenant, type Tx } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

// pg-boss's own table has no tenant column: read as the system, or in the caller's transaction.
const findJob = async (tx: Tx, id: string) =>
  (
    await tx.execute<{ name: string; data: Record<string, unknown> }>(
      sql`select name, data from pgboss.job where id = ${id}::uuid`,
    )
  ).rows[0];

async function onOneClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requireDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs a COMMIT message outside a transaction (COMMIT then only warns) and returns the rows of its statement. */
async function runMessage(client: pg.Client, text: string): Promise<Record<string, unknown>[]> {
  const results = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
  return (Array.isArray(results) ? results : [results]).find((r) => r.rows?.length)?.rows ?? [];
}

describe("statements sent with COMMIT (lib/db/send-with-commit.ts)", () => {
  it("inserts a job enqueued in a transaction with the COMMIT, not before, and not at all if it fails", async () => {
    const { id: dealershipId } = await createTestDealership();
    const lead = await createTestLead(dealershipId);
    const payload = { leadId: lead.id, dealershipId, reason: "new_lead" as const };
    const committed = await withTenant(dealershipId, async (tx) => {
      const id = await enqueue("rep.notify", payload, { tx });
      // Queued, not inserted: the row is written by the COMMIT's message.
      expect(await findJob(tx, id!)).toBeUndefined();
      return id!;
    });
    expect(await withSystem((tx) => findJob(tx, committed))).toMatchObject({
      name: "rep.notify",
      data: { leadId: lead.id },
    });

    let rolledBack = "";
    await expect(
      withTenant(dealershipId, async (tx) => {
        rolledBack = (await enqueue("rep.notify", payload, { tx }))!;
        throw new Error("the caller fails after enqueueing");
      }),
    ).rejects.toThrow("the caller fails after enqueueing");
    expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
    expect(await withSystem((tx) => findJob(tx, rolledBack))).toBeUndefined();
  });

  it("inserts at once a job whose payload carries an address (never inside SQL text)", async () => {
    const id = await withSystem(async (tx) => {
      const jobId = await enqueue("auth.sign-in-link", { email: `kari.${randomUUID()}@example.no` }, { tx });
      expect(await findJob(tx, jobId!)).toMatchObject({ name: "auth.sign-in-link" });
      return jobId!;
    });
    expect(await withSystem((tx) => findJob(tx, id))).toBeDefined();
  });

  it("rolls the whole transaction back when a statement sent with COMMIT fails, and goes on working", async () => {
    const { id: dealershipId } = await createTestDealership();
    const lead = await createTestLead(dealershipId);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(
        withTenant(dealershipId, async (tx) => {
          await tx.update(leads).set({ customerName: "Skal ikke lagres" }).where(eq(leads.id, lead.id));
          // Fails only when the COMMIT's message runs, after the update.
          expect(sendWithCommit(tx, { text: "select 1 / $1::int", params: ["0"] })).toBe(true);
        }),
      ).rejects.toThrow(/division by zero/);
    }
    const [row] = await withTenant(dealershipId, (tx) =>
      tx.select({ name: leads.customerName }).from(leads).where(eq(leads.id, lead.id)),
    );
    expect(row!.name).toBe(lead.customerName);
    // The failed messages carried a PREPARE of that statement: had a connection been kept with the name unknown,
    // the same statement would now fail with "already exists" (or "does not exist") instead of dividing.
    for (let attempt = 0; attempt < 3; attempt++) {
      await withTenant(dealershipId, async (tx) => {
        sendWithCommit(tx, { text: "select 1 / $1::int", params: ["1"] });
      });
    }
  });

  it("sends parameters as exact literals, prepared once per connection or inlined when the cache is off", async () => {
    const awkward = `O'Brien \\ "sitat"; drop table leads; -- $1 $2 $10 ø æ å 🚗 \\' ${randomUUID()}`;
    const statement = { text: "select $1::text as value, $2::int + 1 as next", params: [awkward, "41"] };
    await onOneClient(async (client) => {
      for (const cache of ["on", "off"] as const) {
        for (let run = 0; run < 2; run++) {
          const message = buildCommitMessage(client, [statement], cache);
          // Prepared on the first run with the cache on; with it off, never.
          expect(message.prepares).toHaveLength(cache === "on" && run === 0 ? 1 : 0);
          expect(message.text.includes("prepare ")).toBe(message.prepares.length > 0);
          expect(await runMessage(client, message.text)).toEqual([{ value: awkward, next: 42 }]);
          rememberPrepared(client, message.prepares);
        }
      }
    });
  });

  it("knows a connection whose prepared statement is gone", async () => {
    await onOneClient(async (client) => {
      const statement = { text: `select $1::text as tag, '${randomUUID()}' as run`, params: ["a"] };
      const first = buildCommitMessage(client, [statement], "on");
      await runMessage(client, first.text);
      rememberPrepared(client, first.prepares);
      await client.query("deallocate all");
      const error = await runMessage(client, buildCommitMessage(client, [statement], "on").text).catch(
        (err: unknown) => err,
      );
      expect(error).toMatchObject({ code: "26000" });
      expect(losesPreparedStatements(error)).toBe(true);
      expect(losesPreparedStatements(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
    });
  });
});
