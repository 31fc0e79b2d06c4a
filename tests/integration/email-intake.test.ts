import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// E-mail intake end to end on the real database: the inbound webhook route with SendGrid's own request bodies
// (parsed and raw mode) and .eml files, the email.process work run directly, reply threading through the reply
// address our own reply e-mail carries, failure and reprocess, the management API, and tenant isolation.
// Environment first: modules read it once.
const INSTALLATION_SECRET = "installation-inbound-secret-0123456789";
process.env.INBOUND_EMAIL_WEBHOOK_SECRET = INSTALLATION_SECRET;
process.env.INBOUND_EMAIL_DOMAIN = "svar.norvalt.no";
delete process.env.ANTHROPIC_API_KEY;

const inboundRoute = await import("../../app/api/webhooks/email/inbound/[secret]/route.ts");
const emailsRoute = await import("../../app/api/emails/route.ts");
const emailRoute = await import("../../app/api/emails/[id]/route.ts");
const reprocessRoute = await import("../../app/api/emails/[id]/reprocess/route.ts");
const createLeadRoute = await import("../../app/api/emails/[id]/create-lead/route.ts");
const notALeadRoute = await import("../../app/api/emails/[id]/not-a-lead/route.ts");
const { conversations, leadEvents } = await import("../../db/schema/conversations.ts");
const { dealerships } = await import("../../db/schema/dealerships.ts");
const { emails } = await import("../../db/schema/emails.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { outboxMessages } = await import("../../db/schema/operations.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withSystem, withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { ingestLead } = await import("../../lib/leads/ingest-lead.ts");
const { createLeadReplyAddress } = await import("../../lib/email/lead-reply-address.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { emailIntakeSettingsInput, rotateInboundAddress, updateEmailIntakeSettings } =
  await import("../../lib/inbound-email/manage-inbound-address.ts");
const { respondToLead } = await import("../../lib/responder/respond-to-lead.ts");
const { sendCustomerEmail } = await import("../../lib/messaging/send-customer-email.ts");
const { notifyRep } = await import("../../lib/messaging/notify-rep.ts");
const { createTestAdminWithKey, createTestUser } = await import("../helpers/factories.ts");

type Session = Parameters<typeof rotateInboundAddress>[0];
type Dealer = Awaited<ReturnType<typeof createTestAdminWithKey>>["dealership"] & {
  key: string;
  session: Session;
};

const SENDGRID = new URL("../fixtures/sendgrid-inbound-parse/", import.meta.url);
const EMLS = new URL("../fixtures/emails/", import.meta.url);
const sendgridFixture = (name: string) => readFileSync(new URL(name, SENDGRID));
const emlFixture = (name: string) => readFileSync(new URL(name, EMLS));
const SENDGRID_TYPE = "multipart/form-data; boundary=xYzZY";
/** Two fixtures were stored with LF line ends; SendGrid itself frames with CRLF (fixtures/SOURCES.md). */
const asSent = (body: Buffer) => Buffer.from(body.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1");

const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const inbound = (
  secret: string,
  body: Buffer | BodyInit,
  contentType: string,
  headers: Record<string, string> = {},
) =>
  inboundRoute.POST(
    new Request(`http://localhost/api/webhooks/email/inbound/${secret}`, {
      method: "POST",
      body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
      headers: { "content-type": contentType, ...headers },
      // Node's fetch needs this for a stream body.
      ...(body instanceof ReadableStream && { duplex: "half" }),
    } as RequestInit),
    ctx({ secret }),
  );
const api = (path: string, key: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
  });

/** A SendGrid parsed-mode body as Inbound Parse builds it (CRLF, boundary xYzZY). */
function sendgridParsed(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--xYzZY\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.from(`${parts.join("")}--xYzZY--\r\n`, "utf8");
}

let counter = 0;
function plainEmail({
  to,
  subject,
  body,
  from = "Kari Nordmann <kari@example.no>",
  messageId,
}: {
  to: string;
  subject: string;
  body: string;
  from?: string;
  messageId?: string;
}): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId ?? `<test-${Date.now()}-${++counter}@example.no>`}`,
      "Date: Mon, 30 Nov 2026 10:00:00 +0100",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      body,
      "",
    ].join("\r\n"),
    "utf8",
  );
}

async function dealer(name: string): Promise<Dealer> {
  const { dealership, session, key } = await createTestAdminWithKey(name);
  await createTestUser(dealership.id, { role: "sales_rep", phone: "+4790000001" });
  return { ...dealership, key, session };
}

const emailRows = (dealershipId: string) =>
  withTenant(dealershipId, (tx) => tx.select().from(emails).where(eq(emails.dealershipId, dealershipId)));
const emailRow = async (dealershipId: string, emailId: string) =>
  (await emailRows(dealershipId)).find((e) => e.id === emailId)!;
const processJobs = (emailId: string) =>
  withSystem(async (tx) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = 'email.process' and data->>'emailId' = ${emailId}`,
    );
    return rows[0]!.n;
  });

let fjordbil: Dealer;
let vestland: Dealer;

beforeAll(async () => {
  fjordbil = await dealer("Fjordbil E-post AS");
  vestland = await dealer("Vestland E-post AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

describe("POST /api/webhooks/email/inbound/:secret — what SendGrid and other providers send", () => {
  it("stores SendGrid's parsed-mode request as it is, with its job, and answers 200; a retry is a duplicate", async () => {
    const body = sendgridFixture("parsed-2025-forwarded-plaintext.txt");
    const res = await inbound(fjordbil.inboundEmailSecret, body, SENDGRID_TYPE);
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ status: "stored", email_id: expect.any(String) });
    const row = await emailRow(fjordbil.id, first.email_id);
    expect(row).toMatchObject({
      messageId: "<256304D3-3BE0-4EC0-91A0-EF12F7C3463C@gmail.com>",
      fromEmail: "sender@example.com",
      fromName: "Example Sender",
      intake: "sendgrid_parsed",
      processingStatus: "pending",
      sizeBytes: body.length,
    });
    expect(row.recipients).toContain("email@inbound.example.com");
    expect(Buffer.compare(row.raw, body)).toBe(0);
    expect(await processJobs(first.email_id)).toBe(1);

    const again = await inbound(fjordbil.inboundEmailSecret, body, SENDGRID_TYPE);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate", email_id: first.email_id });
    expect((await emailRows(fjordbil.id)).filter((e) => e.messageId === row.messageId)).toHaveLength(1);
    expect(await processJobs(first.email_id)).toBe(1);
  });

  it("reads every SendGrid fixture: parsed mode with HTML, PDF and binary attachments, and raw mode", async () => {
    const cases = [
      { file: "parsed-2019-gmail-reply-html.txt", intake: "sendgrid_parsed", from: "user@example.com" },
      {
        file: "parsed-2023-gmail-pdf-attachment.txt",
        intake: "sendgrid_parsed",
        attachments: ["sample (1).pdf"],
      },
      {
        file: "parsed-2022-outlook-two-binary-attachments.txt",
        intake: "sendgrid_parsed",
        lf: true,
        attachments: 2,
      },
      {
        file: "raw-2023-outlook-inline-image-spamcheck.txt",
        intake: "sendgrid_raw",
        lf: true,
        fromName: "Åse Eksempel",
      },
    ];
    const d = await dealer("Fixturbil AS");
    for (const c of cases) {
      const raw = sendgridFixture(c.file);
      const body = c.lf ? asSent(raw) : raw;
      const res = await inbound(d.inboundEmailSecret, body, SENDGRID_TYPE);
      expect(res.status, c.file).toBe(200);
      const { email_id } = await res.json();
      const outcome = await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });
      expect(outcome.status, c.file).not.toBe("failed");
      const row = await emailRow(d.id, email_id);
      expect(row.intake, c.file).toBe(c.intake);
      expect(row.bodyText?.length, c.file).toBeGreaterThan(0);
      if (c.from) expect(row.fromEmail).toBe(c.from);
      if (c.fromName) expect(row.fromName).toBe(c.fromName);
      if (Array.isArray(c.attachments)) expect(row.attachments.map((a) => a.filename)).toEqual(c.attachments);
      if (typeof c.attachments === "number") expect(row.attachments).toHaveLength(c.attachments);
    }
    // Spam check verdicts from the raw-mode request reach the row.
    const raw = (await emailRows(d.id)).find((e) => e.intake === "sendgrid_raw")!;
    expect(raw.authResults).toMatchObject({ spf: expect.any(String) });
    expect(typeof raw.authResults?.spamScore).toBe("number");
  });

  it("decodes parsed-mode text in the charset SendGrid names (ISO-8859-1 æøå)", async () => {
    const latin1 = Buffer.from("Hei! Er Škoda-en på lager? Hilsen Bjørn Sæther, tlf 917 65 432", "latin1");
    const head = Buffer.from(
      sendgridParsed({
        headers: "From: Bjørn <bjorn@example.no>\r\nMessage-ID: <latin1-test@example.no>\r\nSubject: Bil",
        from: "Bjørn <bjorn@example.no>",
        to: "salg@example.no",
        subject: "Bil",
        charsets: JSON.stringify({ text: "iso-8859-1", from: "UTF-8", subject: "UTF-8", to: "UTF-8" }),
      })
        .toString("utf8")
        .replace(/--xYzZY--\r\n$/, ""),
      "utf8",
    );
    const body = Buffer.concat([
      head,
      Buffer.from('--xYzZY\r\nContent-Disposition: form-data; name="text"\r\n\r\n'),
      latin1,
      Buffer.from("\r\n--xYzZY--\r\n"),
    ]);
    const res = await inbound(fjordbil.inboundEmailSecret, body, SENDGRID_TYPE);
    const { email_id } = await res.json();
    await processInboundEmail({ dealershipId: fjordbil.id }, { emailId: email_id });
    expect((await emailRow(fjordbil.id, email_id)).bodyText).toContain("Bjørn Sæther");
  });

  it("routes by recipient on the installation URL: the dealership's address, its previous one, reply addresses", async () => {
    const d = await dealer("Ruterbil AS");
    const address = `${d.inboundEmailLocalPart}@svar.norvalt.no`;
    const mail = plainEmail({ to: `Salg <${address}>`, subject: "Til adressen", body: "Hei" });
    const res = await inbound(INSTALLATION_SECRET, mail, "message/rfc822");
    expect(res.status).toBe(200);
    expect((await emailRow(d.id, (await res.json()).email_id)).subject).toBe("Til adressen");

    // SendGrid's envelope names our address even when To: is the dealership's own mailbox (a forward).
    const forwarded = sendgridParsed({
      headers:
        "From: kunde@example.no\r\nTo: post@ruterbil.no\r\nMessage-ID: <fwd-1@example.no>\r\nSubject: Videresendt",
      from: "kunde@example.no",
      to: "post@ruterbil.no",
      subject: "Videresendt",
      text: "Hei",
      envelope: JSON.stringify({ to: [address], from: "post@ruterbil.no" }),
    });
    const viaEnvelope = await inbound(INSTALLATION_SECRET, forwarded, SENDGRID_TYPE);
    expect(viaEnvelope.status).toBe(200);
    expect((await emailRow(d.id, (await viaEnvelope.json()).email_id)).subject).toBe("Videresendt");

    // After a rotation the old address still works for the grace period, and the new one at once.
    const newLocalPart = await rotateInboundAddress(d.session);
    expect(newLocalPart).toMatch(new RegExp(`^${d.slug}-[a-z2-7]{8}$`));
    expect(newLocalPart).not.toBe(d.inboundEmailLocalPart);
    const toOld = await inbound(
      INSTALLATION_SECRET,
      plainEmail({ to: address, subject: "Gammel", body: "x" }),
      "message/rfc822",
    );
    expect(toOld.status).toBe(200);
    const toNew = await inbound(
      INSTALLATION_SECRET,
      plainEmail({ to: `${newLocalPart}@svar.norvalt.no`, subject: "Ny", body: "x" }),
      "message/rfc822",
    );
    expect(toNew.status).toBe(200);
    // The old per-dealership webhook secret stops at once.
    expect((await inbound(d.inboundEmailSecret, mail, "message/rfc822")).status).toBe(404);
    await withSystem((tx) =>
      tx
        .update(dealerships)
        .set({ inboundEmailRotatedAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
        .where(eq(dealerships.id, d.id)),
    );
    const expired = await inbound(
      INSTALLATION_SECRET,
      plainEmail({ to: address, subject: "For sent", body: "x" }),
      "message/rfc822",
    );
    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: "unknown_recipient" });
  });

  it("answers every bad input with a clear 4xx and stores nothing", async () => {
    const before = (await emailRows(fjordbil.id)).length;
    const mail = plainEmail({ to: "x@svar.norvalt.no", subject: "Hei", body: "Hei" });
    // Wrong or unknown secrets.
    expect((await inbound("not-the-secret", mail, "message/rfc822")).status).toBe(404);
    expect((await inbound("0".repeat(64), mail, "message/rfc822")).status).toBe(404);
    // No recipient of ours on the installation URL.
    const nobody = await inbound(INSTALLATION_SECRET, mail, "message/rfc822");
    expect(nobody.status).toBe(404);
    // Over 30 MB: by Content-Length, and by the bytes actually sent when the length is not declared.
    const big = await inbound(fjordbil.inboundEmailSecret, mail, "message/rfc822", {
      "content-length": String(31 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 31) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect((await inbound(fjordbil.inboundEmailSecret, stream, "message/rfc822")).status).toBe(413);
    // Malformed: no content type we read, empty, a multipart that is not one, SendGrid without its fields,
    // a MIME "message" without any header, multipart framed with bare LFs.
    const malformed: [Buffer | string, string][] = [
      ["<html>hei</html>", "text/html"],
      ["", "message/rfc822"],
      ["--other\r\nnot really\r\n", SENDGRID_TYPE],
      [sendgridParsed({ text: "Bare tekst" }), SENDGRID_TYPE],
      ["bare tekst uten hoder\r\n", "message/rfc822"],
      [sendgridFixture("parsed-2022-outlook-two-binary-attachments.txt"), SENDGRID_TYPE],
    ];
    for (const [body, type] of malformed) {
      const res = await inbound(fjordbil.inboundEmailSecret, body, type);
      expect(res.status, `${type}: ${String(body).slice(0, 30)}`).toBe(400);
      expect(await res.json()).toMatchObject({ error: "bad_request", message: expect.any(String) });
    }
    expect((await emailRows(fjordbil.id)).length).toBe(before);
  });
});

describe("email.process", () => {
  it("turns a portal lead into a lead with the customer's details and the normal reply job", async () => {
    const res = await inbound(
      fjordbil.inboundEmailSecret,
      emlFixture("toyota-portal-plain.eml"),
      "message/rfc822",
    );
    const { email_id } = await res.json();
    expect(await processInboundEmail({ dealershipId: fjordbil.id }, { emailId: email_id })).toMatchObject({
      status: "processed",
      classification: "sales_inquiry",
    });
    const row = await emailRow(fjordbil.id, email_id);
    expect(row).toMatchObject({
      processingStatus: "processed",
      classification: "sales_inquiry",
      classifiedBy: "portal",
    });
    const [lead] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, row.leadId!)),
    );
    expect(lead).toMatchObject({
      source: "email",
      customerName: "Kari Nordmann",
      customerEmail: "kari.nordmann@example.no",
      phoneNormalized: "+4791234567",
      leadScore: 70,
    });
    expect(lead!.customerEmail).not.toMatch(/toyota\.no/);
    const { rows } = await withSystem((tx) =>
      tx.execute(sql`select 1 from pgboss.job where name = 'lead.respond' and data->>'leadId' = ${lead!.id}`),
    );
    expect(rows).toHaveLength(1);
    // Running the job again changes nothing.
    expect(await processInboundEmail({ dealershipId: fjordbil.id }, { emailId: email_id })).toEqual({
      status: "skipped",
      reason: "not_pending",
    });
  });

  it("keeps a FINN lead without e-mail (answer on FINN), and never e-mails FINN's no-reply sender", async () => {
    const d = await dealer("Finnbil AS");
    const res = await inbound(
      d.inboundEmailSecret,
      emlFixture("finn-message-no-contact.eml"),
      "message/rfc822",
    );
    const { email_id } = await res.json();
    await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });
    const row = await emailRow(d.id, email_id);
    const [lead] = await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, row.leadId!)));
    expect(lead).toMatchObject({ source: "email", customerEmail: null, aiPaused: true });
    expect(lead!.sourceUrl).toMatch(/^https:\/\/www\.finn\.no\//);
    expect(await respondToLead({ dealershipId: d.id }, { leadId: lead!.id })).toMatchObject({
      status: "not_answered",
      reason: "ai_paused",
    });
    const outbox = await withTenant(d.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.dealershipId, d.id)),
    );
    expect(outbox.filter((m) => m.channel === "email")).toHaveLength(0);
  });

  it("sets spam, automatic mail and bounces aside without a lead, and puts uncertain mail on the triage list", async () => {
    const d = await dealer("Sorterbil AS");
    const expected: Record<string, { status: string; classification: string }> = {
      "spam-crypto.eml": { status: "ignored", classification: "spam" },
      "auto-reply-nb.eml": { status: "ignored", classification: "other" },
      "bounce-dsn-mailer-daemon.eml": { status: "ignored", classification: "other" },
      "newsletter-bilbransjen.eml": { status: "ignored", classification: "other" },
      "ambiguous-question.eml": { status: "processed", classification: "uncertain" },
    };
    for (const [file, want] of Object.entries(expected)) {
      const { email_id } = await (
        await inbound(d.inboundEmailSecret, emlFixture(file), "message/rfc822")
      ).json();
      await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });
      const row = await emailRow(d.id, email_id);
      expect({ status: row.processingStatus, classification: row.classification }, file).toEqual(want);
      expect(row.leadId, file).toBeNull();
    }
    const triage = await emailsRoute.GET(
      api("/api/emails?classification=uncertain&status=processed", d.key),
      ctx({}),
    );
    expect((await triage.json()).emails.map((e: { subject: string }) => e.subject)).toHaveLength(1);
    const leadCount = await withTenant(d.id, (tx) =>
      tx.select().from(leads).where(eq(leads.dealershipId, d.id)),
    );
    expect(leadCount).toHaveLength(0);
  });

  it("sets mail from the dealership's blocked sender domains aside as spam", async () => {
    const d = await dealer("Blokkbil AS");
    await updateEmailIntakeSettings(
      d.session,
      emailIntakeSettingsInput.parse({ blockedSenderDomains: "@Example.no\nspam.example" }),
    );
    const mail = plainEmail({
      to: "salg@blokkbil.no",
      from: "Kari <kari@example.no>",
      subject: "Prøvekjøring av Toyota RAV4",
      body: "Hei, kan jeg prøvekjøre Toyota RAV4 i morgen? Tlf 912 34 567",
    });
    const { email_id } = await (await inbound(d.inboundEmailSecret, mail, "message/rfc822")).json();
    await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });
    expect(await emailRow(d.id, email_id)).toMatchObject({
      processingStatus: "ignored",
      classification: "spam",
      classifiedBy: "prefilter",
      leadId: null,
    });
    expect(() => emailIntakeSettingsInput.parse({ blockedSenderDomains: "ikke et domene" })).toThrow();
  });

  it("marks content it cannot process failed, with the error, and reprocess runs it again", async () => {
    const d = await dealer("Feilbil AS");
    // A raw-mode row whose `email` field is missing: what a provider bug or a parser gap looks like.
    const broken = sendgridParsed({ email: "x" }).toString("utf8").replace('name="email"', 'name="mail"');
    const [row] = await withTenant(d.id, (tx) =>
      tx
        .insert(emails)
        .values({
          dealershipId: d.id,
          messageId: "<broken@example.no>",
          intake: "sendgrid_raw",
          rawContentType: SENDGRID_TYPE,
          raw: Buffer.from(broken),
          sizeBytes: broken.length,
        })
        .returning(),
    );
    expect(await processInboundEmail({ dealershipId: d.id }, { emailId: row!.id })).toEqual({
      status: "failed",
    });
    const failed = await emailRow(d.id, row!.id);
    expect(failed).toMatchObject({ processingStatus: "failed", attempts: 1 });
    expect(failed.errorMessage).toMatch(/without its `email` field/);

    // The parser gap is fixed (here: the payload is corrected); reprocess through the API.
    const fixed = emlFixture("direct-trade-in.eml");
    await withTenant(d.id, (tx) =>
      tx
        .update(emails)
        .set({ intake: "rfc822", rawContentType: "message/rfc822", raw: fixed })
        .where(eq(emails.id, row!.id)),
    );
    const res = await reprocessRoute.POST(
      api(`/api/emails/${row!.id}/reprocess`, d.key, { method: "POST" }),
      ctx({ id: row!.id }),
    );
    expect(res.status).toBe(202);
    expect(await emailRow(d.id, row!.id)).toMatchObject({ processingStatus: "pending", errorMessage: null });
    expect(await processJobs(row!.id)).toBe(1);
    expect(await processInboundEmail({ dealershipId: d.id }, { emailId: row!.id })).toMatchObject({
      status: "processed",
    });
    const done = await emailRow(d.id, row!.id);
    expect(done).toMatchObject({ processingStatus: "processed", classification: "sales_inquiry" });
    expect(done.leadId).toBeTruthy();
  });
});

describe("reply threading", () => {
  it("threads the customer's answer to our reply into the lead, cancels unsent AI messages and tells the rep", async () => {
    const d = await dealer("Trådbil AS");
    const { leadId } = await ingestLead(
      { dealershipId: d.id },
      {
        source: "website",
        name: "Kari Nordmann",
        email: "kari.nordmann.test@gmail.com",
        message: "Er Kia EV6 ledig?",
      },
    );
    const responded = await respondToLead({ dealershipId: d.id }, { leadId });
    expect(responded.status).toBe("queued");
    const [reply] = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, leadId), eq(conversations.senderType, "ai"))),
    );
    await sendCustomerEmail({ dealershipId: d.id }, { conversationId: reply!.id, leadId });
    const [sent] = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.channel, "email"))),
    );
    const replyTo = sent!.replyTo!;
    expect(replyTo).toMatch(/^reply\+[a-z2-7]{42}@svar\.norvalt\.no$/);

    // A follow-up the AI prepared but has not sent yet (a draft): the customer's answer makes it stale.
    const [draft] = await withTenant(d.id, (tx) =>
      tx
        .insert(conversations)
        .values({
          dealershipId: d.id,
          leadId,
          channel: "email",
          direction: "outbound",
          senderType: "ai",
          messageContent: "Oppfølging",
          deliveryStatus: "draft",
        })
        .returning(),
    );

    // The customer answers from Gmail; SendGrid posts it to the installation URL (raw mode this time).
    const token = replyTo.slice("reply+".length, replyTo.indexOf("@"));
    const eml = emlFixture("reply-gmail-nb.eml").toString("latin1").replaceAll("{{REPLY_TOKEN}}", token);
    const body = sendgridParsed({
      email: eml,
      envelope: JSON.stringify({ to: [replyTo], from: "kari@example.no" }),
    });
    const res = await inbound(INSTALLATION_SECRET, body, SENDGRID_TYPE);
    expect(res.status).toBe(200);
    const { email_id } = await res.json();
    expect(await processInboundEmail({ dealershipId: d.id }, { emailId: email_id })).toMatchObject({
      status: "processed",
      classification: "reply",
      leadId,
    });

    const thread = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(eq(conversations.leadId, leadId))
        .orderBy(conversations.createdAt),
    );
    const answer = thread.at(-1)!;
    expect(answer).toMatchObject({ direction: "inbound", senderType: "customer", channel: "email" });
    expect(answer.messageContent).toContain("Lørdag kl. 11 passer fint for meg");
    expect(answer.messageContent).not.toMatch(/^>/m);
    expect(thread.find((m) => m.id === draft!.id)?.deliveryStatus).toBe("cancelled");
    const events = await withTenant(d.id, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)),
    );
    expect(events.map((e) => e.type)).toContain("customer.replied");
    // No second lead, no second AI reply.
    const all = await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.dealershipId, d.id)));
    expect(all).toHaveLength(1);
    const { rows: respondJobs } = await withSystem((tx) =>
      tx.execute(sql`select 1 from pgboss.job where name = 'lead.respond' and data->>'leadId' = ${leadId}`),
    );
    expect(respondJobs).toHaveLength(1);

    // The rep hears about it (the job enqueued in the same transaction), once per e-mail.
    const { rows: notify } = await withSystem((tx) =>
      tx.execute<{ data: { reason: string; emailId: string } }>(
        // The reasons of the former lead.notify-rep queue (rep.notify also carries the new-lead SMS).
        sql`select data from pgboss.job where name = 'rep.notify' and data->>'leadId' = ${leadId}
              and data->>'reason' in ('merged', 'bounced', 'replied')`,
      ),
    );
    expect(notify.map((r) => r.data)).toEqual([
      expect.objectContaining({ reason: "replied", emailId: email_id }),
    ]);
    await notifyRep({ dealershipId: d.id }, { leadId, reason: "replied", emailId: email_id });
    await notifyRep({ dealershipId: d.id }, { leadId, reason: "replied", emailId: email_id });
    const toRep = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.toAddress, "+4790000001"))),
    );
    const sms = toRep.filter((m) => m.channel === "sms" && /svarte på e-post/.test(m.bodyText));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.bodyText).toContain("Lørdag kl. 11");
  });

  it("sets an out-of-office answering our e-mail aside instead of threading it", async () => {
    const d = await dealer("Fraværbil AS");
    const { leadId } = await ingestLead(
      { dealershipId: d.id },
      { source: "website", name: "Erik", email: "erik@example.org" },
    );
    const address = createLeadReplyAddress(leadId);
    const eml = emlFixture("auto-reply-en.eml")
      .toString("latin1")
      .replace(/^To: .*$/m, `To: ${address}`);
    const { email_id } = await (
      await inbound(INSTALLATION_SECRET, Buffer.from(eml, "latin1"), "message/rfc822")
    ).json();
    expect(await processInboundEmail({ dealershipId: d.id }, { emailId: email_id })).toMatchObject({
      status: "ignored",
    });
    expect((await emailRow(d.id, email_id)).reason).toMatch(/^auto_reply: .*reply address/);
    const thread = await withTenant(d.id, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, leadId)),
    );
    expect(thread.filter((m) => m.direction === "inbound" && m.metadata.via === "email_reply")).toHaveLength(
      0,
    );
  });

  it("ignores a forged reply token and reads the mail like any other", async () => {
    const d = await dealer("Forfalsket AS");
    const forged = `reply+${"a".repeat(42)}@svar.norvalt.no`;
    const mail = plainEmail({
      to: `${d.inboundEmailLocalPart}@svar.norvalt.no, ${forged}`,
      subject: "Prøvekjøring av Toyota RAV4",
      body: "Hei, kan jeg prøvekjøre Toyota RAV4 i morgen? Mvh Per Olsen, tlf 934 56 789",
    });
    const { email_id } = await (await inbound(INSTALLATION_SECRET, mail, "message/rfc822")).json();
    await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });
    expect((await emailRow(d.id, email_id)).classification).toBe("sales_inquiry");
  });
});

describe("management API and tenant isolation", () => {
  it("uploads an .eml (multipart file or raw body), lists, shows, creates a lead from and sets aside e-mails", async () => {
    const d = await dealer("Apibil AS");
    const form = new FormData();
    form.set(
      "file",
      new Blob([emlFixture("ambiguous-question.eml")], { type: "message/rfc822" }),
      "mail.eml",
    );
    const uploaded = await emailsRoute.POST(
      api("/api/emails", d.key, { method: "POST", body: form }),
      ctx({}),
    );
    expect(uploaded.status).toBe(201);
    const { email_id } = await uploaded.json();
    const again = await emailsRoute.POST(
      api("/api/emails", d.key, {
        method: "POST",
        body: emlFixture("ambiguous-question.eml"),
        headers: { "content-type": "message/rfc822" },
      }),
      ctx({}),
    );
    expect(await again.json()).toEqual({ email_id, status: "duplicate" });
    await processInboundEmail({ dealershipId: d.id }, { emailId: email_id });

    const list = await (await emailsRoute.GET(api("/api/emails?limit=10", d.key), ctx({}))).json();
    expect(list).toMatchObject({
      total: 1,
      emails: [expect.objectContaining({ id: email_id, intake: "upload" })],
    });
    expect(list.emails[0]).not.toHaveProperty("raw");
    expect((await emailsRoute.GET(api("/api/emails?status=nope", d.key), ctx({}))).status).toBe(400);

    const shown = await emailRoute.GET(api(`/api/emails/${email_id}`, d.key), ctx({ id: email_id }));
    expect(await shown.json()).toMatchObject({
      id: email_id,
      classification: "uncertain",
      body_text: expect.any(String),
    });

    const created = await createLeadRoute.POST(
      api(`/api/emails/${email_id}/create-lead`, d.key, { method: "POST" }),
      ctx({ id: email_id }),
    );
    expect(created.status).toBe(200);
    const { lead_id } = await created.json();
    expect(await emailRow(d.id, email_id)).toMatchObject({
      leadId: lead_id,
      classifiedBy: "manual",
      classification: "sales_inquiry",
    });

    const other = await emailsRoute.POST(
      api("/api/emails", d.key, {
        method: "POST",
        body: emlFixture("other-invoice.eml"),
        headers: { "content-type": "message/rfc822" },
      }),
      ctx({}),
    );
    const otherId = (await other.json()).email_id;
    const ignored = await notALeadRoute.POST(
      api(`/api/emails/${otherId}/not-a-lead`, d.key, { method: "POST" }),
      ctx({ id: otherId }),
    );
    expect(ignored.status).toBe(200);
    expect(await emailRow(d.id, otherId)).toMatchObject({
      processingStatus: "ignored",
      classifiedBy: "manual",
    });
  });

  it("never lets dealership B list, read, reprocess or act on A's e-mails (explicit filters and RLS)", async () => {
    const { email_id } = await (
      await inbound(fjordbil.inboundEmailSecret, emlFixture("direct-html-only.eml"), "message/rfc822")
    ).json();
    const list = await (await emailsRoute.GET(api("/api/emails?limit=100", vestland.key), ctx({}))).json();
    expect(list.emails.map((e: { id: string }) => e.id)).not.toContain(email_id);
    const asB = [
      emailRoute.GET(api(`/api/emails/${email_id}`, vestland.key), ctx({ id: email_id })),
      reprocessRoute.POST(
        api(`/api/emails/${email_id}/reprocess`, vestland.key, { method: "POST" }),
        ctx({ id: email_id }),
      ),
      createLeadRoute.POST(
        api(`/api/emails/${email_id}/create-lead`, vestland.key, { method: "POST" }),
        ctx({ id: email_id }),
      ),
      notALeadRoute.POST(
        api(`/api/emails/${email_id}/not-a-lead`, vestland.key, { method: "POST" }),
        ctx({ id: email_id }),
      ),
    ];
    for (const res of await Promise.all(asB)) expect(res.status).toBe(404);
    // The job run as B's tenant finds nothing either.
    expect(await processInboundEmail({ dealershipId: vestland.id }, { emailId: email_id })).toMatchObject({
      status: "skipped",
    });
    // RLS: without any filter, B's transaction sees none of A's rows.
    const seen = await withTenant(vestland.id, (tx) => tx.select({ id: emails.id }).from(emails));
    expect(seen.map((r) => r.id)).not.toContain(email_id);
    expect(await emailRow(fjordbil.id, email_id)).toMatchObject({ processingStatus: "pending" });
    // A's webhook secret files mail under A whatever the recipient says.
    const res = await inbound(
      fjordbil.inboundEmailSecret,
      plainEmail({
        to: `${vestland.inboundEmailLocalPart}@svar.norvalt.no`,
        subject: "Hvem sin?",
        body: "x",
      }),
      "message/rfc822",
    );
    expect(await emailRow(fjordbil.id, (await res.json()).email_id)).toBeTruthy();
    expect((await emailRows(vestland.id)).some((e) => e.subject === "Hvem sin?")).toBe(false);
  });
});
