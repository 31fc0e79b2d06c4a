import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { notes } from "../../db/schema/conversations.ts";
import { auditLog } from "../../db/schema/operations.ts";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { privacyDealershipExport } from "../../jobs/definitions/privacy-dealership-export.ts";
import { privacyExport } from "../../jobs/definitions/privacy-export.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { anonymiseStaleLeads } from "../../lib/privacy/anonymise-stale-leads.ts";
import { downloadPersonExportHtml } from "../../lib/privacy/download-person-export.ts";
import { erasePerson } from "../../lib/privacy/erase-person.ts";
import { exportFileName, resolveExportPath } from "../../lib/privacy/export-dir.ts";
import { getPrivacyRequest } from "../../lib/privacy/get-privacy-request.ts";
import { runDealershipExport } from "../../lib/privacy/run-dealership-export.ts";
import { runPersonExport } from "../../lib/privacy/run-person-export.ts";
import { createTestLead, createTestTenant, type TestTenant } from "../helpers/factories.ts";

let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { requestDealershipExportAction, retryPrivacyRequestAction, requestExportAction } =
  await import("../../app/(dashboard)/settings/privacy/actions.ts");
const { GET: downloadZip } = await import("../../app/api/privacy/dealership-exports/[token]/route.ts");

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

let a: TestTenant;
let b: TestTenant;
let adminA: Session;
let adminB: Session;
const leadIdsA: string[] = [];
let leadB: string;

beforeAll(async () => {
  a = await createTestTenant("Hel eksport A");
  b = await createTestTenant("Hel eksport B");
  adminA = await a.as("admin");
  adminB = await b.as("admin");
  for (const name of ["Ola Eksport", '=HYPERLINK("x")', 'Kari; "Sitat"\nNy linje'])
    leadIdsA.push((await createTestLead(a.id, { customerName: name })).id);
  await withTenant(a.id, async (tx) => {
    await tx
      .insert(notes)
      .values({ dealershipId: a.id, leadId: leadIdsA[0]!, body: "Ringte, vil prøvekjøre" });
    await tx
      .insert(vehicles)
      .values({ dealershipId: a.id, make: "Toyota", model: "RAV4", year: 2021, priceNok: 389_000 });
  });
  leadB = (await createTestLead(b.id, { customerName: "Bare B" })).id;
});

const jobsFor = (name: string, requestId: string) =>
  withSystem(async (tx) => {
    const { rows } = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${name} and data->>'requestId' = ${requestId}`,
    );
    return rows[0]!.n;
  });
const auditOf = (dealershipId: string, requestId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, dealershipId), eq(auditLog.targetId, requestId)))
      .orderBy(auditLog.createdAt),
  ).then((rows) => rows.map((r) => r.action));

/** The zip's entries, read back with yauzl: name → text. */
function readZip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

const fetchZip = (url: string) => {
  const token = new URL(url).pathname.split("/").pop()!;
  return downloadZip(new Request(url), { params: Promise.resolve({ token }) });
};

describe("the dealership-wide export", () => {
  let requestId: string;

  it("is for admins only", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      signedIn = await a.as(role);
      expect(await requestDealershipExportAction(null, {})).toMatchObject({
        ok: false,
        error: "Du har ikke tilgang til dette",
      });
    }
  });

  it("queues one job with an audit entry; a second request while it runs is refused", async () => {
    signedIn = adminA;
    const result = await requestDealershipExportAction(null, {});
    expect(result).toMatchObject({ ok: true });
    requestId = result!.ok ? result!.data.requestId : "";
    expect(await jobsFor("privacy.dealership-export", requestId)).toBe(1);
    expect(await auditOf(a.id, requestId)).toEqual(["privacy.dealership_export_requested"]);
    expect(await requestDealershipExportAction(null, {})).toMatchObject({ ok: false });
    expect((await getPrivacyRequest(adminA, requestId)).status).toBe("pending");
  });

  it("streams every table as CSV and JSON into a zip, page by page, with progress, and only A's rows", async () => {
    // Batches of 2 rows: three leads take two pages, so the keyset paging is exercised.
    await runDealershipExport({ dealershipId: a.id }, { requestId }, { batchSize: 2 });
    // The job's handler on a finished request: a no-op (a retried delivery of the same job).
    await privacyDealershipExport.handler({ requestId, dealershipId: a.id }, {} as never);
    const view = await getPrivacyRequest(adminA, requestId);
    expect(view.status).toBe("done");
    expect(view.progress.total).toBeGreaterThan(0);
    expect(view.progress.done).toBe(view.progress.total);
    expect(view.summary).toMatchObject({ leads: 3, notes: 1, vehicles: 1 });
    expect(view.downloadUrl).toMatch(/\/api\/privacy\/dealership-exports\//);

    const response = await fetchZip(view.downloadUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(view.fileBytes);
    const files = await readZip(body);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        "manifest.json",
        "leads.csv",
        "leads.json",
        "conversations.csv",
        "vehicles.json",
      ]),
    );
    const leadRows = JSON.parse(files.get("leads.json")!) as { id: string; customer_name: string }[];
    expect(leadRows.map((l) => l.id).sort()).toEqual([...leadIdsA].sort());
    expect(files.get("leads.json")).not.toContain(leadB);
    expect(files.get("leads.csv")).not.toContain("Bare B");
    // CSV: BOM, header, one line per row (a quoted newline inside a cell included), formulas defused.
    const csv = files.get("leads.csv")!;
    expect(csv.startsWith("\uFEFFid;dealership_id;")).toBe(true);
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).toContain(`"Kari; ""Sitat""\nNy linje"`);
    expect(JSON.parse(files.get("vehicles.json")!)).toMatchObject([{ make: "Toyota", model: "RAV4" }]);
    expect(JSON.parse(files.get("emails.json")!)).toEqual([]);
    expect(files.get("emails.csv")).not.toMatch(/;raw;|;raw\r/);
    expect(JSON.parse(files.get("manifest.json")!)).toMatchObject({ tables: { leads: 3 } });

    // Downloadable again until it expires; each download is audited.
    expect((await fetchZip(view.downloadUrl!)).status).toBe(200);
    expect(await auditOf(a.id, requestId)).toEqual([
      "privacy.dealership_export_requested",
      "privacy.dealership_exported",
      "privacy.dealership_exported",
    ]);
  });

  it("is another dealership's 404, and a changed link is a 404", async () => {
    await expect(getPrivacyRequest(adminB, requestId)).rejects.toMatchObject({ code: "not_found" });
    const url = (await getPrivacyRequest(adminA, requestId)).downloadUrl!;
    expect((await fetchZip(url.slice(0, -2) + (url.endsWith("AA") ? "BB" : "AA"))).status).toBe(404);
  });

  it("expires: the link stops working and the nightly job deletes the file", async () => {
    const later = new Date(Date.now() + 4 * 24 * 3_600_000);
    const path = resolveExportPath(exportFileName(a.id, requestId));
    expect(existsSync(path)).toBe(true);
    const report = await anonymiseStaleLeads({ now: later, dealershipIds: [a.id] });
    expect(report.exportsExpired).toBeGreaterThanOrEqual(1);
    expect(existsSync(path)).toBe(false);
    const view = await getPrivacyRequest(adminA, requestId, { now: later });
    expect(view).toMatchObject({ status: "expired", downloadUrl: null });
  });

  it("ends failed when its job fails for good, and 'Prøv igjen' queues it again with an audit entry", async () => {
    signedIn = adminA;
    const started = await requestDealershipExportAction(null, {});
    const id = started!.ok ? started!.data.requestId : "";
    // Another dealership's final-failure call cannot touch it.
    await privacyDealershipExport.onFinalFailure!({ requestId: id, dealershipId: b.id }, "x");
    expect((await getPrivacyRequest(adminA, id)).status).toBe("pending");
    await privacyDealershipExport.onFinalFailure!(
      { requestId: id, dealershipId: a.id },
      "Error: disk full writing for ola@example.no",
    );
    const failed = await getPrivacyRequest(adminA, id);
    expect(failed).toMatchObject({ status: "failed", downloadUrl: null });
    expect(failed.error).toContain("disk full");
    expect(failed.error).not.toContain("ola@example.no");

    signedIn = adminB;
    expect(await retryPrivacyRequestAction(null, { id })).toMatchObject({ ok: false });
    signedIn = await a.as("manager");
    expect(await retryPrivacyRequestAction(null, { id })).toMatchObject({
      ok: false,
      error: "Du har ikke tilgang til dette",
    });
    signedIn = adminA;
    expect(await retryPrivacyRequestAction(null, { id: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { id: ["Ugyldig id"] },
    });
    expect(await retryPrivacyRequestAction(null, { id })).toMatchObject({ ok: true });
    expect(await jobsFor("privacy.dealership-export", id)).toBe(2);
    expect((await getPrivacyRequest(adminA, id)).status).toBe("pending");
    expect(await auditOf(a.id, id)).toEqual([
      "privacy.dealership_export_requested",
      "privacy.request_retried",
    ]);
    // Pending again: a second "Prøv igjen" finds nothing to retry.
    expect(await retryPrivacyRequestAction(null, { id })).toMatchObject({ ok: false });
    await privacyDealershipExport.handler({ requestId: id, dealershipId: a.id }, {} as never);
    expect((await getPrivacyRequest(adminA, id)).status).toBe("done");
  });
});

describe("a person's export", () => {
  const email = `html-${randomUUID().slice(0, 8)}@example.no`;

  it("fails for good → failed with 'Prøv igjen'; the retry still knows the person and produces JSON and HTML", async () => {
    await createTestLead(a.id, {
      customerName: "Hanne <script>alert(1)</script> Hansen",
      customerEmail: email,
      emailNormalized: email,
    });
    signedIn = adminA;
    const started = await requestExportAction(null, { email });
    const id = started!.ok ? started!.data.requestId : "";
    await privacyExport.onFinalFailure!({ requestId: id, dealershipId: a.id }, "timeout");
    expect((await getPrivacyRequest(adminA, id)).status).toBe("failed");
    expect(await retryPrivacyRequestAction(null, { id })).toMatchObject({ ok: true });
    expect(await jobsFor("privacy.export", id)).toBe(2);
    await runPersonExport({ dealershipId: a.id }, { requestId: id });

    const view = await getPrivacyRequest(adminA, id);
    expect(view.status).toBe("done");
    expect(view.downloadUrl).toMatch(/\/api\/privacy\/exports\//);
    expect(view.htmlUrl).toMatch(/\/api\/privacy\/exports\/.+\?format=html$/);
    const token = new URL(view.htmlUrl!).pathname.split("/").pop()!;
    const html = await downloadPersonExportHtml(token);
    expect(html).toContain("<!doctype html>");
    expect(html).toContain("Dine personopplysninger hos Hel eksport A");
    expect(html).toContain(email);
    expect(html).toContain("Hanne &lt;script&gt;alert(1)&lt;/script&gt; Hansen");
    expect(html).not.toContain("<script>");
    // Once: the HTML is gone, the JSON link still works once.
    expect(await downloadPersonExportHtml(token)).toBeNull();
    const after = await getPrivacyRequest(adminA, id);
    expect(after).toMatchObject({ status: "done", htmlUrl: null });
    expect(after.downloadUrl).not.toBeNull();
    const [row] = await withTenant(a.id, (tx) =>
      tx
        .select({ html: privacyRequests.exportHtml, sealed: privacyRequests.subjectSealed })
        .from(privacyRequests)
        .where(eq(privacyRequests.id, id)),
    );
    expect(row).toEqual({ html: null, sealed: null });
  });

  it("an export not yet fetched goes with the person's erasure", async () => {
    signedIn = adminA;
    const started = await requestExportAction(null, { email });
    const id = started!.ok ? started!.data.requestId : "";
    await runPersonExport({ dealershipId: a.id }, { requestId: id });
    expect((await getPrivacyRequest(adminA, id)).downloadUrl).not.toBeNull();
    const queued = await requestExportAction(null, { email: email.toUpperCase() });
    const queuedId = queued!.ok ? queued!.data.requestId : "";
    await erasePerson(adminA, { email });
    for (const requestId of [id, queuedId]) {
      const view = await getPrivacyRequest(adminA, requestId);
      expect(view).toMatchObject({ status: "expired", downloadUrl: null, htmlUrl: null });
      const [row] = await withTenant(a.id, (tx) =>
        tx
          .select({
            data: privacyRequests.exportData,
            html: privacyRequests.exportHtml,
            sealed: privacyRequests.subjectSealed,
          })
          .from(privacyRequests)
          .where(eq(privacyRequests.id, requestId)),
      );
      expect(row).toEqual({ data: null, html: null, sealed: null });
    }
    // The queued job then finds nothing to do.
    await runPersonExport({ dealershipId: a.id }, { requestId: queuedId });
    expect((await getPrivacyRequest(adminA, queuedId)).status).toBe("expired");
  });
});
