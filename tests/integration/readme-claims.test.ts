import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { jobRegistry } from "../../jobs/registry.ts";
import { emails } from "../../db/schema/emails.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { parseEnv } from "../../env.ts";
import { closeDb, getPool } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { BODY_LIMITS } from "../../lib/edge/body-limits.ts";
import { GRAPH_RETRY_DELAYS_MS } from "../../lib/integrations/meta-graph/graph-api.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { deleteLead } from "../../lib/leads/delete-lead.ts";
import { purgeExpiredRecords } from "../../lib/maintenance/purge-expired-records.ts";
import { notifyRep, URGENT_SCORE } from "../../lib/messaging/notify-rep.ts";
import { closeDealershipEvents } from "../../lib/realtime/dealership-events.ts";
import { HEARTBEAT_MS, openDealershipEventStream } from "../../lib/realtime/open-event-stream.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

// Claims the README makes that no other test held it to (issue 24, "a suite you can trust").

afterAll(async () => {
  await closeDealershipEvents();
  await stopSenderBoss();
  await closeDb();
});

describe("quiet hours", () => {
  // 23:30 in Oslo on a winter Tuesday: inside a 22:00–07:00 quiet window. The clock is injected, not waited for.
  const night = new Date("2026-01-13T22:30:00Z");

  async function repInQuietHours() {
    const d = await createTestDealership({ timezone: "Europe/Oslo" });
    const rep = await createTestUser(d.id, {
      role: "sales_rep",
      phone: "+4791234567",
      notificationPreferences: { sms: true, email: false, quietHours: { start: "22:00", end: "07:00" } },
    });
    return { d, rep };
  }

  it.each([
    [URGENT_SCORE, "sent"],
    [URGENT_SCORE - 1, "held"],
  ])("a lead scoring %i: the rep's SMS is %s", async (score, status) => {
    const { d, rep } = await repInQuietHours();
    const lead = await createTestLead(d.id, { assignedTo: rep.id, leadScore: score });
    const outcome = await notifyRep(
      { dealershipId: d.id },
      { leadId: lead.id, reason: "new_lead", customerAnswered: true },
      night,
    );
    expect(outcome).toMatchObject({ status });
    const sms = await withTenant(d.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.leadId, lead.id)),
    );
    expect(sms.map((m) => m.channel)).toEqual(status === "sent" ? ["sms"] : []);
    if (status === "sent") expect(sms[0]!.bodyText).toMatch(/^HASTER: /);
  });
});

describe("e-mail retention", () => {
  async function storedEmail(dealershipId: string, values: Partial<typeof emails.$inferInsert>) {
    const [row] = await withSystem((tx) =>
      tx
        .insert(emails)
        .values({
          dealershipId,
          messageId: `<${crypto.randomUUID()}@example.no>`,
          intake: "upload",
          rawContentType: "message/rfc822",
          raw: Buffer.from("Subject: x\r\n\r\nx"),
          sizeBytes: 16,
          ...values,
        } as typeof emails.$inferInsert)
        .returning({ id: emails.id }),
    );
    return row!.id;
  }
  const exists = async (id: string) =>
    (await withSystem((tx) => tx.select({ id: emails.id }).from(emails).where(eq(emails.id, id)))).length ===
    1;

  it("deletes set-aside e-mail after 30 days, keeps younger set-aside mail and old mail that became a lead", async () => {
    const d = await createTestDealership();
    const daysAgo = (n: number) => sql`now() - make_interval(days => ${n})`;
    const old = await storedEmail(d.id, { processingStatus: "ignored", receivedAt: daysAgo(31) as never });
    const young = await storedEmail(d.id, { processingStatus: "ignored", receivedAt: daysAgo(29) as never });
    const lead = await createTestLead(d.id);
    const kept = await storedEmail(d.id, {
      processingStatus: "processed",
      leadId: lead.id,
      receivedAt: daysAgo(31) as never,
    } as never);
    await purgeExpiredRecords();
    expect(await exists(old)).toBe(false);
    expect(await exists(young)).toBe(true);
    expect(await exists(kept)).toBe(true);
  });

  it("a deleted lead takes its e-mails along", async () => {
    const d = await createTestDealership();
    const lead = await createTestLead(d.id);
    const mail = await storedEmail(d.id, { processingStatus: "processed", leadId: lead.id } as never);
    await deleteLead({ dealershipId: d.id, userId: null, name: null }, lead.id);
    expect(await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead.id)))).toEqual([]);
    expect(await exists(mail)).toBe(false);
  });
});

describe("the live stream", () => {
  async function openStream(dealershipId: string) {
    const abort = new AbortController();
    const reader = openDealershipEventStream({ dealershipId }, abort.signal).getReader();
    let text = "";
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    const until = async (pattern: RegExp, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`stream never sent ${pattern}: ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return { abort, text: () => text, until };
  }

  it("tells the browser to retry after 3 s and sends a heartbeat comment every 20 s (injected clock)", async () => {
    const d = await createTestDealership();
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const stream = await openStream(d.id);
      await stream.until(/: connected/);
      expect(stream.text()).toMatch(/^retry: 3000\n/);
      expect(stream.text()).not.toMatch(/: ping/);
      expect(HEARTBEAT_MS).toBe(20_000);
      vi.advanceTimersByTime(HEARTBEAT_MS - 1);
      expect(stream.text()).not.toMatch(/: ping/);
      vi.advanceTimersByTime(1);
      await stream.until(/: ping\n\n/);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      await stream.until(/: ping\n\n[^]*: ping\n\n/);
      stream.abort.abort();
    } finally {
      vi.useRealTimers();
    }
  });

  it("after its LISTEN connection is cut, reconnects on its own and tells every stream to resync", async () => {
    const d = await createTestDealership();
    const stream = await openStream(d.id);
    await stream.until(/: connected/);
    // Cut this process's LISTEN connection from the server side (as a restart or a failover would).
    const { rows } = await getPool().query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name like '%-listen' and pid <> pg_backend_pid() and datname = current_database()
          and usename = current_user and query ilike 'listen%'`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    await stream.until(/"type":"resync"/, 30_000);
    stream.abort.abort();
  }, 40_000);
});

describe("configured values the README states", () => {
  it("Graph API calls back off 2, 4 and 8 s", () => {
    expect(GRAPH_RETRY_DELAYS_MS).toEqual([2_000, 4_000, 8_000]);
  });

  it("Claude's timeout is 20 s unless ANTHROPIC_TIMEOUT_MS says otherwise", () => {
    expect(parseEnv({ NODE_ENV: "test" }).ANTHROPIC_TIMEOUT_MS).toBe(20_000);
  });

  it("every queue in the database retries with backoff exactly as the job registry says", async () => {
    const { rows } = await getPool().query<{
      name: string;
      retry_limit: number;
      retry_delay: number;
      retry_backoff: boolean;
    }>("select name, retry_limit, retry_delay, retry_backoff from pgboss.queue");
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const job of jobRegistry) {
      const queue = byName.get(job.name);
      expect(queue, job.name).toBeDefined();
      const options = (job.options ?? {}) as {
        retryLimit?: number;
        retryDelay?: number;
        retryBackoff?: boolean;
      };
      if (options.retryLimit !== undefined) expect(queue!.retry_limit, job.name).toBe(options.retryLimit);
      if (options.retryDelay !== undefined) expect(queue!.retry_delay, job.name).toBe(options.retryDelay);
      if (options.retryBackoff !== undefined)
        expect(queue!.retry_backoff, job.name).toBe(options.retryBackoff);
    }
    // The customer-facing sends retry, with growing delays.
    for (const name of ["lead.respond", "customer.send-email", "customer.send-sms", "rep.notify"])
      expect(byName.get(name)).toMatchObject({ retry_backoff: true, retry_limit: expect.any(Number) });
    expect(byName.get("customer.send-email")!.retry_limit).toBeGreaterThanOrEqual(2);
  });
});

describe("the 64 KB form limit", () => {
  it("accepts a form post just below 64 KB (and stores it), refuses one just above with 413", async () => {
    const { POST } = await import("../../app/api/webhooks/form/[formKey]/route.ts");
    const d = await createTestDealership();
    const post = (bytes: number) => {
      const base = {
        name: "Stor Kunde",
        email: `stor-${crypto.randomUUID().slice(0, 8)}@example.no`,
        message: "Hei",
      };
      const fixed = JSON.stringify({ ...base, notes: "" }).length;
      const body = JSON.stringify({ ...base, notes: "x".repeat(bytes - fixed) });
      expect(Buffer.byteLength(body)).toBe(bytes);
      return POST(
        new Request(`http://localhost/api/webhooks/form/${d.formKey}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.64" },
          body,
        }),
        { params: Promise.resolve({ formKey: d.formKey }) },
      );
    };
    const below = await post(BODY_LIMITS.form - 16);
    expect(below.status).toBe(200);
    const { lead_id } = (await below.json()) as { lead_id: string };
    expect(await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead_id)))).toHaveLength(
      1,
    );
    expect((await post(BODY_LIMITS.form + 16)).status).toBe(413);
  });
});
