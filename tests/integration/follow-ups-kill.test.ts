import { spawn } from "node:child_process";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { startFakeResend, type FakeResend } from "../fakes/resend-server.ts";
import {
  createFollowUpDealership,
  createLeadWithPlan,
  followUpsOf,
  markQueued,
} from "../helpers/follow-ups.ts";

// Issue 19: a worker killed (SIGKILL) while the vendor has the follow-up but before the send is recorded does not
// send it twice. The follow-up's lock dies with the connection; the retry resumes the send with the same
// idempotency key, and Resend (here its loopback fake, which keeps keys like Resend) answers with the first e-mail.
const CHILD = join(import.meta.dirname, "../helpers/send-follow-up-child.ts");
let resend: FakeResend;

beforeAll(async () => {
  resend = await startFakeResend();
});
afterAll(async () => {
  await resend.close();
  await closeDb();
});

function runChild(env: Record<string, string>) {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, RESEND_API_KEY: "re_test_fake", RESEND_BASE_URL: resend.url, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => out };
}

it("a worker killed mid-send does not send the follow-up twice", async () => {
  const d = await createFollowUpDealership();
  const lead = await createLeadWithPlan(d.id);
  const [first] = await followUpsOf(d.id, lead.id);
  await markQueued(d.id, first!.id);
  const env = { FOLLOW_UP_ID: first!.id, DEALERSHIP_ID: d.id, FOLLOW_UP_NOW: "2026-11-05T09:00:00Z" };

  // Resend takes the e-mail and is slow to answer: the worker dies while waiting.
  resend.setLatency(60_000);
  const killed = runChild(env);
  for (let i = 0; i < 3_000 && !resend.emails.some((e) => e.to.includes(lead.customerEmail!)); i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(resend.emails.filter((e) => e.to.includes(lead.customerEmail!))).toHaveLength(1);
  killed.child.kill("SIGKILL");
  expect((await killed.exited).signal).toBe("SIGKILL");
  expect((await followUpsOf(d.id, lead.id))[0]!.status).toBe("sending");

  // The ledger's lease (2 minutes) has run out by the time the job is retried.
  await withTenant(d.id, (tx) =>
    tx
      .update(outboxMessages)
      .set({
        metadata: sql`jsonb_set(${outboxMessages.metadata}, '{sendingSince}', to_jsonb(now() - interval '3 minutes'))`,
      })
      .where(eq(outboxMessages.toAddress, lead.customerEmail!)),
  );
  resend.setLatency(0);
  const retry = runChild(env);
  expect((await retry.exited).code).toBe(0);
  expect(JSON.parse(retry.output())).toEqual({ status: "sent" });

  const mine = resend.emails.filter((e) => e.to.includes(lead.customerEmail!));
  expect(mine).toHaveLength(1);
  const attempts = resend.requests.filter((r) => r.idempotencyKey?.endsWith(`follow-up:${first!.id}`));
  expect(attempts).toHaveLength(2);
  expect((await followUpsOf(d.id, lead.id))[0]!.status).toBe("sent");
}, 60_000);
