import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { requireDatabaseUrl } from "../../env.ts";
import { leads } from "../../db/schema/leads.ts";
import { closeDb, getPool } from "../../lib/db/client.ts";
import { inlineStatement, rememberPrepared, sendWithCommit } from "../../lib/db/send-with-commit.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const jobById = async (id: string) =>
  (
    await withSystem((tx) =>
      // pg-boss's own table: no tenant column, read as the system.
      tx.execute<{ name: string; data: Record<string, unknown> }>(
        sql`select name, data from pgboss.job where id = ${id}::uuid`,
      ),
    )
  ).rows[0];

describe("statements sent with BEGIN and COMMIT (lib/db/send-with-commit.ts)", () => {
  it("inserts a job enqueued in a transaction with its COMMIT, and not at all when the transaction fails", async () => {
    const { id: dealershipId } = await createTestDealership();
    const lead = await createTestLead(dealershipId);
    const committed = await withTenant(dealershipId, (tx) =>
      enqueue("rep.notify", { leadId: lead.id, dealershipId, reason: "new_lead" }, { tx }),
    );
    expect(committed).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobById(committed!)).toMatchObject({ name: "rep.notify", data: { leadId: lead.id } });

    let rolledBack: string | null = null;
    await expect(
      withTenant(dealershipId, async (tx) => {
        rolledBack = await enqueue(
          "rep.notify",
          { leadId: lead.id, dealershipId, reason: "new_lead" },
          { tx },
        );
        throw new Error("the caller fails after enqueueing");
      }),
    ).rejects.toThrow("the caller fails after enqueueing");
    expect(rolledBack).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobById(rolledBack!)).toBeUndefined();
  });

  it("rolls the whole transaction back when a statement sent with COMMIT fails, and the pool goes on working", async () => {
    const { id: dealershipId } = await createTestDealership();
    const lead = await createTestLead(dealershipId);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(
        withTenant(dealershipId, async (tx) => {
          await tx.update(leads).set({ customerName: "Skal ikke lagres" }).where(eq(leads.id, lead.id));
          // Fails only at COMMIT time, after the update ran.
          expect(sendWithCommit(tx, { text: "select 1 / $1::int", params: ["0"] })).toBe(true);
        }),
      ).rejects.toThrow(/division by zero/);
    }
    const [row] = await withTenant(dealershipId, (tx) =>
      tx.select({ name: leads.customerName }).from(leads).where(eq(leads.id, lead.id)),
    );
    expect(row!.name).toBe(lead.customerName);
    // Every connection of the pool is still usable (a half-known PREPARE would fail here with "already exists").
    const { max } = getPool().options;
    await Promise.all(
      Array.from({ length: max ?? 10 }, () =>
        withTenant(dealershipId, (tx) =>
          enqueue("rep.notify", { leadId: lead.id, dealershipId, reason: "new_lead" }, { tx }),
        ),
      ),
    );
  });

  it("sends a parameter as an exact literal, prepared once per connection or inlined when the cache is off", async () => {
    const awkward = `O'Brien \\ "sitat" ; drop table leads; -- ${randomUUID()} ø æ å 🚗 \\'`;
    const statement = { text: "select $1::text as value, $2::int + 1 as next", params: [awkward, "41"] };
    const client = new pg.Client({ connectionString: requireDatabaseUrl() });
    await client.connect();
    try {
      for (const cache of ["on", "off"] as const) {
        for (let run = 0; run < 2; run++) {
          const prepares: string[] = [];
          const text = inlineStatement(client, statement, prepares, cache);
          // Prepared on the first run only; with the cache off, never.
          expect(prepares).toHaveLength(cache === "on" && run === 0 ? 1 : 0);
          const results = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
          const rows = (Array.isArray(results) ? results.at(-1)! : results).rows;
          expect(rows).toEqual([{ value: awkward, next: 42 }]);
          rememberPrepared(client, prepares);
        }
      }
    } finally {
      await client.end();
    }
  });

  it("looks the person's open lead up with BEGIN, so a second post with the same e-mail is merged", async () => {
    const { id: dealershipId } = await createTestDealership();
    const email = `o'brien+${randomUUID().slice(0, 8)}@example.no`;
    const first = await ingestLead(
      { dealershipId },
      { source: "website", name: "Kari", email, message: "Hei" },
    );
    const second = await ingestLead(
      { dealershipId },
      { source: "website", name: "Kari", email: email.toUpperCase(), message: "Har dere en Ioniq 5?" },
    );
    expect(first.status).toBe("created");
    expect(second).toEqual({ leadId: first.leadId, status: "merged" });
  });
});
