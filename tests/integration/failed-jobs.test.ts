import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { getSenderBoss, stopSenderBoss } from "../../lib/jobs/boss.ts";
import { findFailedJobs } from "../../lib/jobs/find-failed-jobs.ts";
import { type TestTenant, createTestLead, createTestTenant } from "../helpers/factories.ts";

// The real server action through tenantAction, against real pg-boss tables. Only the Next request-context
// functions are replaced: who is signed in, and cache revalidation. No worker runs, so a retried job stays put.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { retryFailedJobAction } = await import("../../app/(dashboard)/settings/jobs/actions.ts");

const QUEUE = "lead.respond";
const DEAD = "lead.respond.dead";

/** A lead.respond job for the dealership that used up its retries, as pg-boss leaves it (plus its dead-letter copy). */
async function failJob(dealershipId: string, message: string) {
  const lead = await createTestLead(dealershipId);
  const boss = await getSenderBoss();
  const id = await boss.send(QUEUE, { leadId: lead.id, dealershipId }, { retryLimit: 0 });
  await boss.fail(QUEUE, id!, new Error(message));
  return { id: id!, leadId: lead.id };
}

async function jobRow(name: string, id: string) {
  const { rows } = await getDb().execute<{ state: string; data: Record<string, unknown> }>(
    sql`select state, data from pgboss.job where name = ${name} and id = ${id}::uuid`,
  );
  return rows[0] ?? null;
}

async function deadCopiesOf(sourceId: string) {
  const { rows } = await getDb().execute<{ id: string }>(
    sql`select id from pgboss.job where name = ${DEAD} and source_id = ${sourceId}::uuid`,
  );
  return rows.map((r) => r.id);
}

async function jobsWithData(name: string, data: object) {
  const { rows } = await getDb().execute<{ id: string; state: string }>(
    sql`select id, state from pgboss.job where name = ${name} and data @> ${JSON.stringify(data)}::jsonb`,
  );
  return rows;
}

let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Jobber AS");
  vestland = await createTestTenant("Vestland Jobber AS");
});
afterAll(async () => {
  // The database is shared with the other test files: leave no retried job behind for a worker to pick up.
  await getDb().execute(
    sql`delete from pgboss.job where name in (${QUEUE}, ${DEAD})
      and coalesce(data ->> 'dealershipId', data #>> '{payload,dealershipId}') in (${fjordbil.id}, ${vestland.id})`,
  );
  await stopSenderBoss();
  await closeDb();
});

describe("failed jobs: list", () => {
  it("shows the dealership's failed job once (not its dead-letter copy), with lead, error and retries", async () => {
    const job = await failJob(fjordbil.id, "Anthropic svarte 529 Overloaded");
    expect(await deadCopiesOf(job.id)).toHaveLength(1);
    const listed = (await findFailedJobs({ dealershipId: fjordbil.id })).filter(
      (j) => j.leadId === job.leadId,
    );
    expect(listed).toEqual([
      {
        id: job.id,
        queue: QUEUE,
        kind: "failed",
        jobName: QUEUE,
        leadId: job.leadId,
        error: "Anthropic svarte 529 Overloaded",
        retryCount: 0,
        failedAt: expect.any(Date),
      },
    ]);
    expect((await findFailedJobs({ dealershipId: vestland.id })).map((j) => j.id)).not.toContain(job.id);
  });

  it("leaves out jobs that failed more than 14 days ago", async () => {
    const job = await failJob(fjordbil.id, "gammel feil");
    await getDb().execute(
      sql`update pgboss.job set completed_on = now() - interval '15 days' where name = ${QUEUE} and id = ${job.id}::uuid`,
    );
    expect((await findFailedJobs({ dealershipId: fjordbil.id })).map((j) => j.id)).not.toContain(job.id);
  });
});

describe("failed jobs: retry action", () => {
  it("is refused to a sales rep and a manager", async () => {
    const job = await failJob(fjordbil.id, "nektet");
    for (const role of ["sales_rep", "manager"] as const) {
      signedIn = await fjordbil.as(role);
      expect(await retryFailedJobAction(null, { queue: QUEUE, id: job.id })).toEqual({
        ok: false,
        error: "Du har ikke tilgang til dette",
      });
    }
    expect((await jobRow(QUEUE, job.id))?.state).toBe("failed");
  });

  it("gives another dealership's admin not-found and changes nothing", async () => {
    const job = await failJob(fjordbil.id, "fremmed");
    signedIn = await vestland.as("admin");
    expect(await retryFailedJobAction(null, { queue: QUEUE, id: job.id })).toEqual({
      ok: false,
      error: "Fant ikke jobben",
    });
    // Naming the dead-letter copy instead does not get around it either.
    const [copy] = await deadCopiesOf(job.id);
    expect(await retryFailedJobAction(null, { queue: DEAD, id: copy! })).toMatchObject({ ok: false });
    expect((await jobRow(QUEUE, job.id))?.state).toBe("failed");
    expect(await deadCopiesOf(job.id)).toEqual([copy]);
  });

  it("lets the admin retry it: back in its queue, the dead-letter copy gone, audited; a second click is not-found", async () => {
    const job = await failJob(fjordbil.id, "prøv meg igjen");
    const admin = await fjordbil.as("admin");
    signedIn = admin;
    expect(await retryFailedJobAction(null, { queue: QUEUE, id: job.id })).toEqual({
      ok: true,
      data: { id: job.id, jobName: QUEUE },
    });
    expect(["created", "retry"]).toContain((await jobRow(QUEUE, job.id))?.state);
    expect(await deadCopiesOf(job.id)).toEqual([]);
    expect((await findFailedJobs({ dealershipId: fjordbil.id })).map((j) => j.id)).not.toContain(job.id);
    const audit = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.targetId, job.id)),
    );
    expect(audit).toMatchObject([{ action: "job.retried", actorUserId: admin.userId, targetType: "job" }]);

    expect(await retryFailedJobAction(null, { queue: QUEUE, id: job.id })).toEqual({
      ok: false,
      error: "Fant ikke jobben",
    });
  });

  it("redrives a dead-letter copy whose failed original is gone to the original queue", async () => {
    const job = await failJob(fjordbil.id, "retention tok originalen");
    // pg-boss deletes failed jobs after 7 days but keeps dead-letter copies for 30.
    await (await getSenderBoss()).deleteJob(QUEUE, job.id);
    const [copy] = await deadCopiesOf(job.id);
    const listed = (await findFailedJobs({ dealershipId: fjordbil.id })).find((j) => j.id === copy);
    expect(listed).toMatchObject({
      queue: DEAD,
      kind: "dead_letter",
      jobName: QUEUE,
      leadId: job.leadId,
      error: "retention tok originalen",
      retryCount: 0,
    });

    signedIn = await vestland.as("admin");
    expect(await retryFailedJobAction(null, { queue: DEAD, id: copy! })).toMatchObject({ ok: false });

    signedIn = await fjordbil.as("admin");
    expect(await retryFailedJobAction(null, { queue: DEAD, id: copy! })).toMatchObject({ ok: true });
    expect(await jobRow(DEAD, copy!)).toBeNull();
    expect(await jobsWithData(QUEUE, { leadId: job.leadId })).toEqual([
      { id: expect.any(String), state: "created" },
    ]);
  });

  it("re-sends the original payload of the runner's invalid-payload copy", async () => {
    const boss = await getSenderBoss();
    const payload = { leadId: "ikke-en-uuid", dealershipId: fjordbil.id };
    // The shape jobs/runner.ts dead-letters a payload that fails the job's schema in.
    const copy = await boss.send(DEAD, {
      jobId: crypto.randomUUID(),
      payload,
      error: [{ code: "invalid_format", path: ["leadId"], message: "Invalid UUID" }],
    });
    const listed = (await findFailedJobs({ dealershipId: fjordbil.id })).find((j) => j.id === copy);
    expect(listed).toMatchObject({
      kind: "dead_letter",
      jobName: QUEUE,
      leadId: null,
      error: "invalid payload: leadId: Invalid UUID",
      retryCount: null,
    });
    expect((await findFailedJobs({ dealershipId: vestland.id })).map((j) => j.id)).not.toContain(copy);

    signedIn = await vestland.as("admin");
    expect(await retryFailedJobAction(null, { queue: DEAD, id: copy! })).toMatchObject({ ok: false });
    signedIn = await fjordbil.as("admin");
    expect(await retryFailedJobAction(null, { queue: DEAD, id: copy! })).toMatchObject({ ok: true });
    expect(await jobRow(DEAD, copy!)).toBeNull();
    expect(await jobsWithData(QUEUE, payload)).toEqual([{ id: expect.any(String), state: "created" }]);
  });
});
