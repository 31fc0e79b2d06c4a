import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../scripts/lib/migrate.ts";
import { BOSS_SCHEMA } from "../../lib/jobs/boss.ts";

// `npm run db:migrate` after the jobs were renamed by purpose (jobs/queue-renames.ts): jobs queued under the old
// names by the previous version survive under the new names, in the new payload shape; the old queues go.
// Other test files' workers may run the moved jobs at once (rep.notify, customer.send-*): the payloads name a
// dealership that does not exist, so those runs find nothing to do, and the checks read jobs in any state.
const ownerUrl = process.env.MIGRATION_DATABASE_URL!;
const appUrl = process.env.DATABASE_URL!;
let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({ connectionString: ownerUrl, schema: BOSS_SCHEMA, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false });
});

/** A queue as the previous version's db:migrate created it. */
async function oldQueue(name: string) {
  await boss.createQueue(`${name}.dead`);
  await boss.createQueue(name, { deadLetter: `${name}.dead`, retryLimit: 3 });
}

const jobsIn = (name: string, dealershipId: string) =>
  boss.findJobs<Record<string, unknown>>(name, { data: { dealershipId } });

async function migrate() {
  const log: string[] = [];
  await migrateDatabase(ownerUrl, appUrl, (line) => log.push(line));
  return log;
}

describe("db:migrate moves the jobs of renamed queues", () => {
  it("moves queued jobs to the new names, converting payloads, keeps held ones held, and drops the old queues", async () => {
    const dealershipId = randomUUID();
    const leadId = randomUUID();
    const conversationId = randomUUID();
    for (const name of ["email.send", "sms.reply", "sms.send", "lead.notify-rep"]) await oldQueue(name);
    const heldUntil = new Date(Date.now() + 6 * 60 * 60_000);
    const ids = {
      email: await boss.send("email.send", { conversationId, leadId, dealershipId }),
      reply: await boss.send("sms.reply", { conversationId, leadId, dealershipId }),
      newLead: await boss.send("sms.send", {
        leadId,
        dealershipId,
        kind: "new_lead",
        customerAnswered: false,
      }),
      // Held until the rep's quiet hours end.
      draft: await boss.send(
        "sms.send",
        { leadId, dealershipId, kind: "draft_ready", customerAnswered: false },
        { startAfter: heldUntil },
      ),
      replied: await boss.send("lead.notify-rep", {
        leadId,
        dealershipId,
        reason: "replied",
        emailId: conversationId,
      }),
    };
    // A job that used up its retries, parked in the dead-letter queue by pg-boss.
    const parked = await boss.send("email.send.dead", {
      conversationId,
      leadId,
      dealershipId,
    });

    const log = await migrate();

    expect(await jobsIn("customer.send-email", dealershipId)).toEqual([
      expect.objectContaining({ id: ids.email, data: { conversationId, leadId, dealershipId } }),
    ]);
    expect(await jobsIn("customer.send-sms", dealershipId)).toEqual([
      expect.objectContaining({ id: ids.reply, data: { conversationId, leadId, dealershipId } }),
    ]);
    const notify = await jobsIn("rep.notify", dealershipId);
    expect(notify.map((j) => ({ id: j.id, data: j.data })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: ids.newLead, data: { leadId, dealershipId, reason: "new_lead", customerAnswered: false } },
        { id: ids.draft, data: { leadId, dealershipId, reason: "draft_ready" } },
        { id: ids.replied, data: { leadId, dealershipId, reason: "replied", emailId: conversationId } },
      ].sort((a, b) => a.id!.localeCompare(b.id!)),
    );
    const held = notify.find((j) => j.id === ids.draft)!;
    expect(held.state).toBe("created");
    expect(held.startAfter.getTime()).toBe(heldUntil.getTime());
    expect(await jobsIn("customer.send-email.dead", dealershipId)).toEqual([
      expect.objectContaining({ id: parked, data: { conversationId, leadId, dealershipId } }),
    ]);

    for (const name of ["email.send", "sms.reply", "sms.send", "lead.notify-rep"]) {
      expect(await boss.getQueue(name)).toBeNull();
      expect(await boss.getQueue(`${name}.dead`)).toBeNull();
    }
    expect(log).toEqual(
      expect.arrayContaining([
        'moved 2 waiting job(s) from queue "sms.send" to "rep.notify"',
        'moved 1 waiting job(s) from queue "email.send.dead" to "customer.send-email.dead"',
        'dropped queue "email.send" (now "customer.send-email")',
        'dropped queue "lead.notify-rep" (now "rep.notify")',
      ]),
    );
  });

  it("leaves an old queue with a running job in place, and finishes once it is done", async () => {
    const dealershipId = randomUUID();
    const leadId = randomUUID();
    await oldQueue("lead.notify-rep");
    await boss.send("lead.notify-rep", { leadId, dealershipId, reason: "bounced" });
    const waiting = await boss.send("lead.notify-rep", { leadId, dealershipId, reason: "merged" });
    // An old worker took the first job and is still on it.
    const [running] = await boss.fetch("lead.notify-rep", { batchSize: 1 });

    const log = await migrate();
    expect(log).toEqual(
      expect.arrayContaining([
        'moved 1 waiting job(s) from queue "lead.notify-rep" to "rep.notify"',
        expect.stringMatching(/^queue "lead.notify-rep" still has 1 running job\(s\): left in place/),
      ]),
    );
    expect(await boss.getQueue("lead.notify-rep")).not.toBeNull();
    expect((await jobsIn("rep.notify", dealershipId)).map((j) => j.id)).toEqual([waiting]);

    await boss.complete("lead.notify-rep", running!.id);
    expect(await migrate()).toEqual(
      expect.arrayContaining(['dropped queue "lead.notify-rep" (now "rep.notify")']),
    );
    expect(await boss.getQueue("lead.notify-rep")).toBeNull();
  });
});
