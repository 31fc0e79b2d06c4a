import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { isSuppressed } from "../../lib/suppressions/is-suppressed.ts";
import { hashSuppressionAddress } from "../../lib/suppressions/hash-suppression-address.ts";
import { migrateDatabase } from "../../scripts/lib/migrate.ts";
import { createTestDealership } from "../helpers/factories.ts";

// `npm run db:migrate`'s data step for suppressions stored before they were hashed (README, Privacy): every plain
// address becomes `h1:` + its keyed hash, normalised as the senders look it up; a plain row whose hash is already
// stored is dropped; a second run changes nothing. (Before this test the step ran under the owner role, which the
// forced RLS shows no rows: it hashed nothing.)
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
const appUrl = process.env.DATABASE_URL!;
let owner: pg.Pool;

beforeAll(() => {
  owner = new pg.Pool({ connectionString: ownerUrl, max: 1 });
});
afterAll(async () => {
  await owner.end();
  await closeDb();
});

type Row = { id: string; channel: string; address: string; reason: string };
/** As the system role: the table's RLS is forced for its owner too. */
async function asSystem<T extends pg.QueryResultRow>(text: string, values: unknown[]) {
  const client = await owner.connect();
  try {
    await client.query(`begin; set local role ${SYSTEM_ROLE}`);
    const result = await client.query<T>(text, values);
    await client.query("commit");
    return result.rows;
  } finally {
    client.release();
  }
}
const rowsOf = (dealershipId: string) =>
  asSystem<Row>(
    "select id, channel, address, reason from suppressions where dealership_id = $1 order by reason, channel",
    [dealershipId],
  );

async function migrate() {
  const log: string[] = [];
  await migrateDatabase(ownerUrl, appUrl, (line) => log.push(line));
  return log;
}

describe("db:migrate hashes plaintext suppressions", () => {
  it("turns old plain rows into h1: rows the senders match, drops duplicates, and is idempotent", async () => {
    const d = await createTestDealership();
    const other = await createTestDealership();
    const insert = (dealershipId: string, channel: string, address: string, reason: string) =>
      asSystem("insert into suppressions (dealership_id, channel, address, reason) values ($1, $2, $3, $4)", [
        dealershipId,
        channel,
        address,
        reason,
      ]);
    await insert(d.id, "email", " Ola.Nordmann@Example.NO ", "unsubscribe");
    await insert(d.id, "sms", "912 34 567", "manual");
    // Already hashed (written after the change) and the same address again in plain text (written before).
    await insert(d.id, "email", hashSuppressionAddress("email", "kari@example.no"), "complaint");
    await insert(d.id, "email", "kari@example.no", "hard_bounce");
    await insert(other.id, "email", "ola.nordmann@example.no", "unsubscribe");

    const first = await migrate();
    expect(first.some((line) => /suppressions: \d+ plaintext addresses replaced/.test(line))).toBe(true);

    const rows = await rowsOf(d.id);
    expect(rows.map((r) => [r.reason, r.channel, r.address])).toEqual([
      ["complaint", "email", hashSuppressionAddress("email", "kari@example.no")],
      ["manual", "sms", hashSuppressionAddress("sms", "+4791234567")],
      ["unsubscribe", "email", hashSuppressionAddress("email", "ola.nordmann@example.no")],
    ]);
    // Only the addresses are scanned, for whole spellings: ids and hashes are random, and a short string such as
    // "912" turns up in them by chance (a fresh-clone run saw it in a UUID).
    const addresses = [...rows, ...(await rowsOf(other.id))].map((r) => r.address);
    for (const address of addresses) {
      expect(address).toMatch(/^h1:/);
      for (const plain of ["nordmann", "kari@", "91234567", "912 34 567"])
        expect(address.toLowerCase()).not.toContain(plain);
    }
    // The other dealership keeps its own row, hashed the same way (the hash is per channel and address).
    expect((await rowsOf(other.id)).map((r) => r.address)).toEqual([
      hashSuppressionAddress("email", "ola.nordmann@example.no"),
    ]);

    // The senders' check finds them in any spelling.
    await withTenant(d.id, async (tx) => {
      expect(await isSuppressed(tx, { email: "OLA.nordmann@example.no" })).toMatchObject({ email: true });
      expect(await isSuppressed(tx, { phone: "+47 91 23 45 67" })).toMatchObject({ sms: true });
      expect(await isSuppressed(tx, { email: "kari@example.no" })).toMatchObject({ email: true });
      expect(await isSuppressed(tx, { email: "someone@example.no" })).toEqual({ email: false, sms: false });
    });

    const second = await migrate();
    expect(second.some((line) => line.startsWith("suppressions:"))).toBe(false);
    expect(await rowsOf(d.id)).toEqual(rows);
  });
});
