import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog } from "../../db/schema/operations.ts";
import { replyTemplates } from "../../db/schema/reply-templates.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { findContactDuplicates } from "../../lib/leads/find-contact-duplicates.ts";
import { getReplyTools } from "../../lib/templates/get-reply-tools.ts";
import { type TestTenant, createTestLead, createTestTenant } from "../helpers/factories.ts";

// Settings → Maler and the lead page's contact card through their server actions (tenantAction), with only the
// request context replaced. Every action is also tried by a rep (role) and by another dealership (tenant).
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const templateActions = await import("../../app/(dashboard)/settings/templates/actions.ts");
const leadActions = await import("../../app/(dashboard)/leads/[id]/actions.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
let manager: Session;
let rep: Session;
let intruder: Session;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Maler AS");
  vestland = await createTestTenant("Vestland Maler AS");
  manager = await fjordbil.as("manager");
  rep = await fjordbil.as("sales_rep");
  intruder = await vestland.as("admin");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const templatesOf = (dealershipId: string) =>
  withTenant(dealershipId, (tx) =>
    tx.select().from(replyTemplates).where(eq(replyTemplates.dealershipId, dealershipId)),
  );

describe("reply templates", () => {
  it("a manager creates, edits and deletes a template, each audited", async () => {
    signedIn = manager;
    const created = await templateActions.saveReplyTemplateAction(null, {
      name: "Prøvekjøring",
      body: "Hei {fornavn}! Velkommen til prøvekjøring av {bil}.",
    });
    expect(created).toMatchObject({ ok: true, data: { id: expect.any(String) } });
    const id = created?.ok ? created.data.id : "";
    expect(
      await templateActions.saveReplyTemplateAction(null, { id, name: "Prøvetur", body: "Ny tekst" }),
    ).toMatchObject({
      ok: true,
    });
    expect(await templatesOf(fjordbil.id)).toEqual([
      expect.objectContaining({ id, name: "Prøvetur", body: "Ny tekst" }),
    ]);
    expect(await templateActions.deleteReplyTemplateAction(null, { id })).toMatchObject({ ok: true });
    expect(await templatesOf(fjordbil.id)).toEqual([]);
    const audit = await withTenant(fjordbil.id, (tx) =>
      tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id)),
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      "reply_template.created",
      "reply_template.deleted",
      "reply_template.updated",
    ]);
  });

  it("reports empty, too long and HTML-only fields next to the field; script text is stored as text", async () => {
    signedIn = manager;
    const empty = await templateActions.saveReplyTemplateAction(null, { name: " ", body: "" });
    expect(empty).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)], body: [expect.any(String)] },
    });
    const long = await templateActions.saveReplyTemplateAction(null, {
      name: "x".repeat(81),
      body: "y".repeat(2001),
    });
    expect(long).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)], body: [expect.any(String)] },
    });
    const script = await templateActions.saveReplyTemplateAction(null, {
      name: "<script>alert(1)</script> 🚗",
      body: "مرحبا {fornavn}",
    });
    expect(script).toMatchObject({ ok: true });
  });

  it("a rep cannot change templates but gets them in the reply tools", async () => {
    signedIn = rep;
    expect(await templateActions.saveReplyTemplateAction(null, { name: "Rep", body: "Tekst" })).toMatchObject(
      {
        ok: false,
        error: expect.any(String),
      },
    );
    const tools = await getReplyTools(rep, { customerName: "Kari Nordmann", carName: "Toyota RAV4 (2021)" });
    expect(tools.templates.map((t) => t.name)).toContain("<script>alert(1)</script> 🚗");
    expect(tools.variables).toMatchObject({ firstName: "Kari", car: "Toyota RAV4 (2021)", rep: rep.name });
    expect(tools.variables.openingHoursToday).toMatch(/stengt|\d\d:\d\d–\d\d:\d\d/);
  });

  it("another dealership's template id is not found, and its templates are not listed", async () => {
    signedIn = manager;
    const created = await templateActions.saveReplyTemplateAction(null, { name: "Fjordbils", body: "Tekst" });
    const id = created?.ok ? created.data.id : "";
    signedIn = intruder;
    expect(
      await templateActions.saveReplyTemplateAction(null, { id, name: "Kapret", body: "x" }),
    ).toMatchObject({
      ok: false,
    });
    expect(await templateActions.deleteReplyTemplateAction(null, { id })).toMatchObject({ ok: false });
    expect((await getReplyTools(intruder, { customerName: null, carName: null })).templates).toEqual([]);
    expect((await templatesOf(fjordbil.id)).find((t) => t.id === id)?.name).toBe("Fjordbils");
  });

  it("offers only cars for sale", async () => {
    await withTenant(fjordbil.id, (tx) =>
      tx.insert(vehicles).values([
        { dealershipId: fjordbil.id, make: "Volvo", model: "XC40", status: "available", priceNok: null },
        { dealershipId: fjordbil.id, make: "Volvo", model: "V90", status: "sold", priceNok: 300000 },
        {
          dealershipId: fjordbil.id,
          make: "Volvo",
          model: "XC60",
          status: "available",
          deletedAt: new Date(),
        },
      ]),
    );
    const tools = await getReplyTools(rep, { customerName: null, carName: null });
    expect(tools.cars.map((c) => c.model)).toEqual(["XC40"]);
  });
});

describe("contact details", () => {
  it("a rep corrects name, e-mail and phone; the phone is normalised and the change recorded", async () => {
    const lead = await createTestLead(fjordbil.id);
    signedIn = rep;
    const result = await leadActions.updateLeadContactAction(null, {
      leadId: lead.id,
      name: "  Kari   Nordmann ",
      email: "Kari@Example.NO",
      phone: "912 34 567",
    });
    expect(result).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(["customerPhone"]) } });
    const [row] = await withTenant(fjordbil.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead.id)));
    expect(row).toMatchObject({
      customerName: "Kari Nordmann",
      customerEmail: "kari@example.no",
      emailNormalized: "kari@example.no",
      customerPhone: "912 34 567",
      phoneNormalized: "+4791234567",
    });
    const events = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id)),
    );
    expect(events).toEqual([
      expect.objectContaining({ type: "lead.contact_updated", data: { fields: ["name", "email", "phone"] } }),
    ]);
  });

  it("rejects a bad phone or e-mail, and both empty, as field errors", async () => {
    const lead = await createTestLead(fjordbil.id);
    signedIn = rep;
    expect(
      await leadActions.updateLeadContactAction(null, {
        leadId: lead.id,
        name: "",
        email: "ikke-epost",
        phone: "12",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)], phone: [expect.any(String)] } });
    expect(
      await leadActions.updateLeadContactAction(null, {
        leadId: lead.id,
        name: "Kari",
        email: "",
        phone: "",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)] } });
  });

  it("suggests other leads with the same phone or e-mail as the same customer", async () => {
    const first = await createTestLead(fjordbil.id, {
      phoneNormalized: "+4799887766",
      customerPhone: "99887766",
    });
    const second = await createTestLead(fjordbil.id);
    signedIn = rep;
    await leadActions.updateLeadContactAction(null, {
      leadId: second.id,
      name: "Kari",
      email: second.customerEmail ?? "",
      phone: "+47 998 87 766",
    });
    const [row] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, second.id)),
    );
    const duplicates = await findContactDuplicates(rep, row!);
    expect(duplicates).toEqual([
      expect.objectContaining({ id: first.id, samePhone: true, sameEmail: false }),
    ]);
    // Another dealership's customer with the same phone is never suggested.
    await createTestLead(vestland.id, { phoneNormalized: "+4799887766" });
    expect(await findContactDuplicates(rep, row!)).toHaveLength(1);
  });

  it("another dealership's lead is not found", async () => {
    const lead = await createTestLead(fjordbil.id);
    signedIn = intruder;
    expect(
      await leadActions.updateLeadContactAction(null, {
        leadId: lead.id,
        name: "X",
        email: "x@example.no",
        phone: "",
      }),
    ).toMatchObject({ ok: false });
    const [row] = await withTenant(fjordbil.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead.id)));
    expect(row?.customerEmail).toBe(lead.customerEmail);
  });
});
