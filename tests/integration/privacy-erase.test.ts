import { randomInt, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { conversations, leadEvents, leadStatusHistory, notes } from "../../db/schema/conversations.ts";
import { emails } from "../../db/schema/emails.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { inboundSms } from "../../db/schema/sms.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, outboxMessages, suppressions, webhookRequests } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { erasePerson } from "../../lib/privacy/erase-person.ts";
import { collectPersonExport } from "../../lib/privacy/export-person.ts";
import { isSuppressed } from "../../lib/suppressions/is-suppressed.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

// As the system role (its policy admits every row): FORCE ROW LEVEL SECURITY hides rows from the owner too.
const owner = new pg.Pool({
  connectionString: inject("ownerDatabaseUrl"),
  max: 1,
  options: "-c role=norvalt_system",
});
afterAll(async () => {
  await owner.end();
  await closeDb();
});

type Hit = { column: string; needle: string };

/**
 * Every text, varchar, json(b), text[] and bytea column of every table in our schema and pg-boss's, searched for
 * each needle: the "Done when" scan, across every dealership.
 */
async function scanDatabase(needles: string[], exceptDealershipId: string): Promise<Hit[]> {
  const { rows: columns } = await owner.query<{
    schema: string;
    table: string;
    column: string;
    udt: string;
    tenant: boolean;
  }>(`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.udt_name as udt,
           exists (select 1 from information_schema.columns d where d.table_schema = c.table_schema
                   and d.table_name = c.table_name and d.column_name = 'dealership_id') as tenant
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema in ('public', 'pgboss') and t.table_type = 'BASE TABLE'
      and c.udt_name in ('text', 'varchar', 'json', 'jsonb', '_text', '_varchar', 'bytea')`);
  expect(columns.length).toBeGreaterThan(60);
  const hits: Hit[] = [];
  for (const { schema, table, column, udt, tenant } of columns) {
    const name = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
    const col = pg.escapeIdentifier(column);
    for (const needle of needles) {
      const condition =
        udt === "bytea"
          ? `position(convert_to($1, 'UTF8') in ${col}) > 0`
          : `${col}::text ilike '%' || $1 || '%'`;
      // The other dealership's own copy of the same person is theirs to keep.
      const others = tenant ? `and dealership_id is distinct from $2` : `and $2::text is not null`;
      const { rows } = await owner.query(`select 1 from ${name} where ${condition} ${others} limit 1`, [
        needle,
        exceptDealershipId,
      ]);
      if (rows.length > 0) hits.push({ column: `${schema}.${table}.${column}`, needle });
    }
  }
  return hits;
}

const id = randomUUID().slice(0, 8);
const person = {
  name: `Kari Slettemann ${id}`,
  email: `kari.slett-${id}@example.no`,
  national: `9${String(randomInt(0, 10_000_000)).padStart(7, "0")}`,
};
const e164 = `+47${person.national}`;
const needles = [person.email, e164, person.national, person.name];

let a: Awaited<ReturnType<typeof createTestDealership>>;
let b: Awaited<ReturnType<typeof createTestDealership>>;
const created: Record<string, string[]> = {};
const remember = (table: string, rowId: string) => (created[table] ??= []).push(rowId);

beforeAll(async () => {
  a = await createTestDealership({ name: "Personvern A" });
  b = await createTestDealership({ name: "Personvern B" });
  const rep = await createTestUser(a.id, { role: "sales_rep" });

  // Website form through the real intake: lead, inbound message, timeline, search terms and a queued lead.respond.
  const website = await ingestLead(
    { dealershipId: a.id },
    {
      source: "website",
      name: person.name,
      email: person.email,
      phone: person.national,
      message: `Hei, dette er ${person.name}. Ring meg på ${person.national}.`,
      sourceUrl: `https://fjordbil.no/kontakt?email=${person.email}`,
    },
  );
  remember("leads", website.leadId);

  // Earlier leads from every other source (older than the merge window), some known by only e-mail or phone.
  const older = (days: number) => sql`now() - make_interval(days => ${days})`;
  const sources = [
    { source: "email", customerEmail: person.email.toUpperCase(), externalId: `<${id}@mail.example.no>` },
    {
      source: "facebook",
      customerPhone: e164,
      metadata: { field_data: [{ name: "full_name", values: [person.name] }] },
    },
    { source: "manual", customerPhone: `+47 ${person.national.slice(0, 3)} ${person.national.slice(3)}` },
    { source: "api", customerEmail: person.email },
  ] as const;
  for (const [i, s] of sources.entries()) {
    const lead = await createTestLead(a.id, {
      source: s.source,
      customerName: person.name,
      customerEmail: "customerEmail" in s ? s.customerEmail : null,
      emailNormalized: "customerEmail" in s ? person.email : null,
      customerPhone: "customerPhone" in s ? s.customerPhone : null,
      phoneNormalized: "customerPhone" in s ? e164 : null,
      externalId: "externalId" in s ? s.externalId : null,
      sourceMetadata: "metadata" in s ? s.metadata : { raw: `${person.name} <${person.email}>` },
      initialMessage: `Melding fra ${person.name}`,
      createdAt: older(20 + i * 10) as unknown as Date,
    });
    remember("leads", lead.id);
  }
  const leadId = created.leads![1]!;

  await withTenant(a.id, async (tx) => {
    const [message] = await tx
      .insert(conversations)
      .values([
        {
          dealershipId: a.id,
          leadId,
          channel: "sms",
          direction: "outbound",
          senderType: "human",
          senderUserId: rep.id,
          messageContent: `Hei ${person.name}, bilen er klar.`,
          metadata: { to: e164 },
          deliveryStatus: "sent",
        },
      ])
      .returning({ id: conversations.id });
    remember("conversations", message!.id);
    const [note] = await tx
      .insert(notes)
      .values({ dealershipId: a.id, leadId, authorId: rep.id, body: `${person.name} vil ha innbytte` })
      .returning({ id: notes.id });
    remember("notes", note!.id);
    const [task] = await tx
      .insert(leadTasks)
      .values({
        dealershipId: a.id,
        leadId,
        kind: "call",
        note: `Ring ${person.name}`,
        dueAt: new Date(Date.now() + 86_400_000),
      })
      .returning({ id: leadTasks.id });
    remember("lead_tasks", task!.id);
    const [followUp] = await tx
      .insert(followUps)
      .values({
        dealershipId: a.id,
        leadId,
        step: 1,
        channel: "email",
        dueAt: new Date(Date.now() + 3 * 86_400_000),
      })
      .returning({ id: followUps.id });
    remember("follow_ups", followUp!.id);
    const [text] = await tx
      .insert(inboundSms)
      .values({
        dealershipId: a.id,
        messageSid: `SM${randomUUID().replaceAll("-", "")}`,
        fromNumber: e164,
        toNumber: "+4759000000",
        body: `Hei, det er ${person.name}, ring meg på ${person.national}`,
        outcome: "threaded",
        leadId,
      })
      .returning({ id: inboundSms.id });
    remember("inbound_sms", text!.id);
    await tx.insert(leadEvents).values({
      dealershipId: a.id,
      leadId,
      type: "lead.merged",
      actorType: "system",
      data: { customerName: person.name, edited: false },
    });
    await tx.insert(leadStatusHistory).values({
      dealershipId: a.id,
      leadId,
      oldStatus: "new",
      newStatus: "lost",
      reason: `${person.name} kjøpte annen bil`,
    });
    const [email] = await tx
      .insert(emails)
      .values({
        dealershipId: a.id,
        leadId: created.leads![1]!,
        messageId: `<${id}@mail.example.no>`,
        fromEmail: person.email,
        fromName: person.name,
        recipients: [`salg@fjordbil.no`],
        subject: `Forespørsel fra ${person.name}`,
        bodyText: `Mvh ${person.name}, tlf ${person.national}`,
        intake: "upload",
        rawContentType: "message/rfc822",
        raw: Buffer.from(`From: ${person.name} <${person.email}>\r\n\r\nTlf ${person.national}`),
        sizeBytes: 100,
      })
      .returning({ id: emails.id });
    remember("emails", email!.id);
    // An e-mail set aside, linked to no lead: found by its sender.
    const [loose] = await tx
      .insert(emails)
      .values({
        dealershipId: a.id,
        messageId: `<loose-${id}@mail.example.no>`,
        fromEmail: person.email,
        intake: "upload",
        rawContentType: "message/rfc822",
        raw: Buffer.from(`From: ${person.email}`),
        sizeBytes: 20,
        processingStatus: "ignored",
      })
      .returning({ id: emails.id });
    remember("emails", loose!.id);
    const [sms] = await tx
      .insert(outboxMessages)
      .values([
        {
          dealershipId: a.id,
          channel: "sms",
          provider: "dev",
          toAddress: e164,
          bodyText: `Hei ${person.name}`,
          leadId,
        },
        // Sent to the person before any lead linked it.
        { dealershipId: a.id, channel: "email", provider: "dev", toAddress: person.email, bodyText: "Hei" },
      ])
      .returning({ id: outboxMessages.id });
    remember("outbox_messages", sms!.id);
    const [request] = await tx
      .insert(webhookRequests)
      .values({
        dealershipId: a.id,
        source: "form",
        method: "POST",
        path: "/api/webhooks/form/x",
        statusCode: 400,
        requestBody: JSON.stringify({ name: person.name, email: person.email, phone: person.national }),
      })
      .returning({ id: webhookRequests.id });
    remember("webhook_requests", request!.id);
    // An audit entry from before suppressions were hashed, naming the address.
    await tx.insert(auditLog).values({
      dealershipId: a.id,
      actorType: "system",
      action: "suppression.created",
      data: { suppressed: [{ channel: "email", address: person.email }] },
    });
    await enqueue(
      "task.due",
      { taskId: task!.id, dealershipId: a.id, dueAt: new Date(Date.now() + 86_400_000).toISOString() },
      { tx, startAfter: new Date(Date.now() + 86_400_000) },
    );
    await enqueue("rep.notify", { leadId, dealershipId: a.id, reason: "new_lead" }, { tx });
  });

  // The same person at another dealership: untouched by A's erasure.
  const other = await createTestLead(b.id, {
    customerName: person.name,
    customerEmail: person.email,
    emailNormalized: person.email,
  });
  remember("other", other.id);
});

describe("erasing a person", () => {
  it("finds them everywhere first (the scan can fail), and the export holds every row created", async () => {
    const before = await scanDatabase(needles, b.id);
    const columns = new Set(before.map((h) => h.column));
    for (const column of [
      "public.leads.customer_name",
      "public.conversations.message_content",
      "public.notes.body",
      "public.emails.raw",
      "public.outbox_messages.to_address",
      "public.webhook_requests.request_body",
      "public.audit_log.data",
      "public.lead_search_terms.term",
      "public.lead_tasks.note",
      "public.lead_status_history.reason",
    ])
      expect(columns, column).toContain(column);

    const exported = await withTenant(a.id, (tx) => collectPersonExport(tx, { phone: person.national }));
    const text = JSON.stringify(exported);
    for (const [table, ids] of Object.entries(created)) {
      if (table === "other") {
        expect(text).not.toContain(ids[0]);
        continue;
      }
      for (const rowId of ids) expect(text, `${table} ${rowId}`).toContain(rowId);
    }
    expect(exported.tables.leads).toHaveLength(5);
    for (const email of exported.tables.emails!) expect(email).not.toHaveProperty("raw");
  });

  it("leaves no trace of the e-mail, phone or name in any column, suppresses every channel and keeps the figures", async () => {
    const counts = () =>
      withTenant(a.id, async (tx) => ({
        leads: (await tx.select({ id: leads.id }).from(leads).where(eq(leads.dealershipId, a.id))).length,
        messages: (
          await tx
            .select({ id: conversations.id })
            .from(conversations)
            .where(eq(conversations.dealershipId, a.id))
        ).length,
      }));
    const figuresBefore = await counts();

    const result = await erasePerson(
      { apiKeyId: randomUUID(), dealershipId: a.id, via: "api_key" },
      { email: person.email },
    );
    expect(result.leads).toBe(5);

    expect(await scanDatabase(needles, b.id)).toEqual([]);

    expect(await counts()).toEqual(figuresBefore);
    const plannedFollowUps = await withTenant(a.id, (tx) =>
      tx.select().from(followUps).where(eq(followUps.id, created.follow_ups![0]!)),
    );
    expect(plannedFollowUps).toEqual([]);
    const suppressed = await withTenant(a.id, (tx) =>
      isSuppressed(tx, { email: person.email, phone: person.national }),
    );
    expect(suppressed).toEqual({ email: true, sms: true });
    const stored = await withTenant(a.id, (tx) =>
      tx
        .select({ address: suppressions.address, reason: suppressions.reason })
        .from(suppressions)
        .where(eq(suppressions.dealershipId, a.id)),
    );
    expect(stored.length).toBeGreaterThanOrEqual(2);
    for (const row of stored) expect(row.address).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);

    const [audit] = await withTenant(a.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, a.id), eq(auditLog.action, "privacy.erased"))),
    );
    expect(audit!.targetId).toBe(result.requestId);
    expect(audit!.data).toMatchObject({ leads: 5 });

    const jobs = await owner.query(
      "select 1 from pgboss.job where data->>'leadId' = any($1::text[]) and state <> 'active'",
      [created.leads],
    );
    expect(jobs.rowCount).toBe(0);
    const [task] = await withTenant(a.id, (tx) =>
      tx.select().from(leadTasks).where(eq(leadTasks.id, created.lead_tasks![0]!)),
    );
    expect(task!.doneAt).not.toBeNull();

    const bStill = await withTenant(b.id, (tx) => isSuppressed(tx, { email: person.email }));
    expect(bStill.email).toBe(false);
    const [bLead] = await withTenant(b.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, created.other![0]!)),
    );
    expect(bLead!.customerEmail).toBe(person.email);
  });
});
