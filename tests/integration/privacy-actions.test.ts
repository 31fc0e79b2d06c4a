import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { auditLog } from "../../db/schema/operations.ts";
import { recordContactView } from "../../lib/audit/record-contact-view.ts";
import { findAuditEntries } from "../../lib/audit/find-audit-entries.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { leads } from "../../db/schema/leads.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { mapFormLead } from "../../lib/leads/map-form-lead.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { createTestLead, createTestTenant, type TestTenant } from "../helpers/factories.ts";

let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { findPersonAction, erasePersonAction, requestExportAction, updateRetentionAction } =
  await import("../../app/(dashboard)/settings/privacy/actions.ts");

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

let a: TestTenant;
let b: TestTenant;
let adminA: Session;
const email = `vis-${randomUUID().slice(0, 8)}@example.no`;

beforeAll(async () => {
  a = await createTestTenant("Personvern handlinger A");
  b = await createTestTenant("Personvern handlinger B");
  adminA = await a.as("admin");
  await createTestLead(a.id, {
    customerName: "Vis Meg",
    customerEmail: email,
    emailNormalized: email,
    lawfulBasis: "marketing_consent",
    consentMarketing: true,
    consentText: "Ja, send meg tilbud",
    consentVersion: "2026-01",
  });
});

describe("Settings → Personvern actions", () => {
  it("shows a person to a manager, with consent, and audits the look without naming them", async () => {
    signedIn = await a.as("manager");
    const result = await findPersonAction(null, { email: email.toUpperCase(), phone: "" });
    expect(result?.ok).toBe(true);
    const view = result!.ok ? result!.data : null;
    expect(view!.leads).toHaveLength(1);
    expect(view!.leads[0]).toMatchObject({
      name: "Vis Meg",
      lawfulBasis: "marketing_consent",
      consentText: "Ja, send meg tilbud",
      consentVersion: "2026-01",
    });
    expect(view!.suppressed).toEqual({ email: false, sms: false });
    const audit = await findAuditEntries({ dealershipId: a.id }, { group: "privacy" });
    expect(audit.map((e) => e.action)).toContain("privacy.person_viewed");
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it("answers field errors next to the fields", async () => {
    signedIn = adminA;
    const none = await findPersonAction(null, { email: "", phone: "" });
    expect(none).toMatchObject({ ok: false, fieldErrors: { email: ["Oppgi e-post eller telefon"] } });
    const bad = await findPersonAction(null, { email: "<b>x</b>", phone: "" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { email: ["Ugyldig e-postadresse"] } });
    const retention = await updateRetentionAction(null, { retentionMonths: "0" } as never);
    expect(retention).toMatchObject({ ok: false });
    expect(retention!.ok ? null : retention!.fieldErrors?.retentionMonths).toBeTruthy();
  });

  it("keeps export, erase and retention to admins", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      signedIn = await b.as(role);
      for (const action of [requestExportAction, erasePersonAction])
        expect(await action(null, { email })).toMatchObject({
          ok: false,
          error: "Du har ikke tilgang til dette",
        });
      expect(await updateRetentionAction(null, { retentionMonths: 12 })).toMatchObject({ ok: false });
    }
    signedIn = await b.as("sales_rep");
    expect(await findPersonAction(null, { email })).toMatchObject({ ok: false });
  });

  it("another dealership's admin finds nothing and erases nothing of A's person", async () => {
    signedIn = await b.as("admin");
    const found = await findPersonAction(null, { email });
    expect(found?.ok && found.data.leads).toEqual([]);
    expect(await erasePersonAction(null, { email })).toMatchObject({ ok: true, data: { leads: 0 } });
    signedIn = adminA;
    const again = await findPersonAction(null, { email });
    expect(again?.ok && again.data.leads).toHaveLength(1);
  });

  it("saves the retention period with an audit entry, and the admin can export and erase", async () => {
    signedIn = adminA;
    expect(await updateRetentionAction(null, { retentionMonths: 12 })).toMatchObject({ ok: true });
    const [row] = await withTenant(a.id, (tx) =>
      tx.select({ months: dealerships.retentionMonths }).from(dealerships).where(eq(dealerships.id, a.id)),
    );
    expect(row!.months).toBe(12);
    expect(await requestExportAction(null, { email })).toMatchObject({ ok: true });
    expect(await erasePersonAction(null, { email })).toMatchObject({ ok: true, data: { leads: 1 } });
    const after = await findPersonAction(null, { email });
    expect(after?.ok && after.data.leads).toEqual([]);
    expect(after?.ok && after.data.suppressed).toEqual({ email: true, sms: true });
    const actions = (await findAuditEntries({ dealershipId: a.id }, { actor: adminA.userId })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["settings.retention_updated", "privacy.export_requested", "privacy.erased"]),
    );
  });
});

describe("the audit view", () => {
  it("records who viewed a lead's contact details once an hour, and filters by person, group and day", async () => {
    const rep = await a.as("sales_rep");
    const lead = await createTestLead(a.id);
    await recordContactView(rep, lead.id);
    await recordContactView(rep, lead.id);
    const viewed = await withTenant(a.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "lead.contact_viewed"), eq(auditLog.targetId, lead.id))),
    );
    expect(viewed).toHaveLength(1);
    expect(viewed[0]!.actorUserId).toBe(rep.userId);

    const byRep = await findAuditEntries({ dealershipId: a.id }, { actor: rep.userId, group: "lead" });
    expect(byRep.map((e) => [e.action, e.actorName])).toEqual([["lead.contact_viewed", rep.name]]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await findAuditEntries({ dealershipId: a.id }, { from: tomorrow })).toEqual([]);
    expect(await findAuditEntries({ dealershipId: b.id }, { actor: rep.userId })).toEqual([]);
  });
});

describe("lawful basis and consent on intake", () => {
  it("records marketing consent with the text and version shown, and an inquiry without it", async () => {
    const withConsent = await ingestLead(
      { dealershipId: b.id },
      mapFormLead(
        {
          name: "Samtykke Ja",
          email: `ja-${randomUUID().slice(0, 8)}@example.no`,
          consent_marketing: "on",
          consent_text: "Ja, send meg tilbud på e-post",
          consent_version: "v3",
        } as never,
        { honeypotFilled: false },
      ),
    );
    const without = await ingestLead(
      { dealershipId: b.id },
      { source: "email", name: "Bare Spørsmål", email: `nei-${randomUUID().slice(0, 8)}@example.no` },
    );
    const read = (id: string) =>
      withTenant(b.id, async (tx) => (await tx.select().from(leads).where(eq(leads.id, id)))[0]!);
    expect(await read(withConsent.leadId)).toMatchObject({
      lawfulBasis: "marketing_consent",
      consentMarketing: true,
      consentText: "Ja, send meg tilbud på e-post",
      consentVersion: "v3",
    });
    expect(await read(without.leadId)).toMatchObject({ lawfulBasis: "inquiry", consentText: null });
  });
});
