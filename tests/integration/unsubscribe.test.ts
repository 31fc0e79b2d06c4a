import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "../../app/api/unsubscribe/[token]/route.ts";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, suppressions } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { hashSuppressionAddress } from "../../lib/suppressions/hash-suppression-address.ts";
import { isSuppressed } from "../../lib/suppressions/is-suppressed.ts";
import { suppressAddress } from "../../lib/suppressions/suppress-address.ts";
import { getUnsubscribeState } from "../../lib/suppressions/unsubscribe-by-token.ts";
import {
  buildUnsubscribeHeaders,
  buildUnsubscribeUrl,
  createUnsubscribeToken,
} from "../../lib/suppressions/unsubscribe-token.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

type Dealership = Awaited<ReturnType<typeof createTestDealership>>;
let a: Dealership;
let b: Dealership;
const email = `ola-${crypto.randomUUID().slice(0, 8)}@example.no`;

beforeAll(async () => {
  a = await createTestDealership({ name: "Avmeldbil A" });
  b = await createTestDealership({ name: "Avmeldbil B" });
});
afterAll(() => closeDb());

const oneClick = (token: string, body: BodyInit = "List-Unsubscribe=One-Click", headers?: HeadersInit) =>
  POST(
    new Request(`http://localhost/api/unsubscribe/${token}`, {
      method: "POST",
      body,
      headers: headers ?? { "content-type": "application/x-www-form-urlencoded" },
    }),
    { params: Promise.resolve({ token }) },
  );
const pageButton = (token: string) =>
  oneClick(token, "", { "content-type": "application/x-www-form-urlencoded" });

const suppressionsOf = (dealershipId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select({ channel: suppressions.channel, address: suppressions.address, reason: suppressions.reason })
      .from(suppressions)
      .where(eq(suppressions.dealershipId, dealershipId))
      .orderBy(suppressions.channel, suppressions.address),
  );
const leadOf = (dealershipId: string, id: string) =>
  withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, id), eq(leads.dealershipId, dealershipId)));
    return row!;
  });
const auditOf = (dealershipId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, dealershipId), eq(auditLog.action, "suppression.created"))),
  );
const suppressedIn = (dealershipId: string, contact: { email?: string; phone?: string }) =>
  withTenant(dealershipId, (tx) => isSuppressed(tx, contact));

describe("unsubscribe links", () => {
  it("suppresses the address and that person's phone in the token's dealership only, idempotently", async () => {
    const leadA = await createTestLead(a.id, {
      customerEmail: email.toUpperCase(),
      emailNormalized: email,
      customerPhone: "912 34 567",
      phoneNormalized: "+4791234567",
    });
    const leadB = await createTestLead(b.id, {
      customerEmail: email,
      emailNormalized: email,
      phoneNormalized: "+4791234567",
    });
    const url = buildUnsubscribeUrl({ dealershipId: a.id, email: leadA.customerEmail!, leadId: leadA.id });
    const token = url.split("/avmeld/")[1]!;
    expect(buildUnsubscribeHeaders(url)["List-Unsubscribe"]).toBe(
      `<${new URL(url).origin}/api/unsubscribe/${token}>`,
    );
    expect(await getUnsubscribeState(token)).toEqual({
      dealershipName: "Avmeldbil A",
      maskedEmail: `o•••@example.no`,
      unsubscribed: false,
    });
    expect(await suppressedIn(a.id, { email })).toEqual({ email: false, sms: false });

    const first = await oneClick(token);
    expect(first.status).toBe(200);
    const second = await oneClick(token);
    expect(second.status).toBe(200);

    // Keyed hashes, never the address itself (GDPR: the list outlives an erasure).
    expect(await suppressionsOf(a.id)).toEqual([
      { channel: "email", address: hashSuppressionAddress("email", email), reason: "unsubscribe" },
      { channel: "sms", address: hashSuppressionAddress("sms", "+4791234567"), reason: "unsubscribe" },
    ]);
    expect(await suppressionsOf(b.id)).toEqual([]);
    expect((await leadOf(a.id, leadA.id)).unsubscribedAt).toBeInstanceOf(Date);
    expect((await leadOf(b.id, leadB.id)).unsubscribedAt).toBeNull();

    expect(await suppressedIn(a.id, { email: email.toUpperCase(), phone: "+47 912 34 567" })).toEqual({
      email: true,
      sms: true,
    });
    expect(await suppressedIn(a.id, { phone: "91234567" })).toEqual({ email: false, sms: true });
    // A later lead from the same address with a new number: the unsubscribe covers SMS to it as well.
    expect(await suppressedIn(a.id, { email, phone: "+4799887766" })).toEqual({ email: true, sms: true });
    expect(await suppressedIn(b.id, { email, phone: "+4791234567" })).toEqual({ email: false, sms: false });

    const audit = await auditOf(a.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "customer", targetType: "lead", targetId: leadA.id });
    expect(audit[0]!.data).toEqual({ reason: "unsubscribe", channels: ["email", "sms"] });
    const events = await withTenant(a.id, (tx) =>
      tx
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, leadA.id), eq(leadEvents.type, "lead.unsubscribed"))),
    );
    expect(events).toHaveLength(1);
    expect(await getUnsubscribeState(token)).toMatchObject({ unsubscribed: true });
  });

  it("sends the page's button back to the page, which then says it is done", async () => {
    const lead = await createTestLead(a.id);
    const token = createUnsubscribeToken({ dealershipId: a.id, email: lead.customerEmail!, leadId: lead.id });
    const res = await pageButton(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/avmeld/${token}?ferdig=1`);
    expect(await suppressedIn(a.id, { email: lead.customerEmail! })).toMatchObject({ email: true });
  });

  it("accepts a multipart one-click post", async () => {
    const lead = await createTestLead(b.id);
    const token = createUnsubscribeToken({ dealershipId: b.id, email: lead.customerEmail! });
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const res = await oneClick(token, form, {});
    expect(res.status).toBe(200);
    expect(await suppressedIn(b.id, { email: lead.customerEmail! })).toMatchObject({ email: true });
  });

  it("never unsubscribes on GET (link scanners), only points to the page", async () => {
    const lead = await createTestLead(a.id);
    const token = createUnsubscribeToken({ dealershipId: a.id, email: lead.customerEmail! });
    const res = await GET(new Request(`http://localhost/api/unsubscribe/${token}`), {
      params: Promise.resolve({ token }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/avmeld/${token}`);
    expect(await suppressedIn(a.id, { email: lead.customerEmail! })).toMatchObject({ email: false });
  });

  it("answers 404 to forged and tampered tokens and writes nothing", async () => {
    const c = await createTestDealership();
    const lead = await createTestLead(c.id);
    const genuine = createUnsubscribeToken({ dealershipId: a.id, email: lead.customerEmail! });
    const mac = genuine.split(".")[1]!;
    // A's signature on a payload naming C, a flipped signature character, and junk.
    const forged = `${Buffer.from(`${c.id}||${lead.customerEmail}`).toString("base64url")}.${mac}`;
    const ownToken = createUnsubscribeToken({ dealershipId: c.id, email: lead.customerEmail! });
    const flipped = ownToken.slice(0, -3) + (ownToken.at(-3) === "A" ? "B" : "A") + ownToken.slice(-2);
    for (const token of [forged, flipped, "tull", ""]) {
      expect((await oneClick(token)).status).toBe(404);
      expect((await pageButton(token)).status).toBe(404);
      expect(await getUnsubscribeState(token)).toBeNull();
    }
    expect(await suppressionsOf(c.id)).toEqual([]);
    expect(await auditOf(c.id)).toEqual([]);
    expect((await leadOf(c.id, lead.id)).unsubscribedAt).toBeNull();
  });

  it("answers 404 for a dealership that no longer exists", async () => {
    const token = createUnsubscribeToken({ dealershipId: crypto.randomUUID(), email });
    expect((await oneClick(token)).status).toBe(404);
    expect(await getUnsubscribeState(token)).toBeNull();
  });
});

describe("suppressAddress", () => {
  it("keeps a hard bounce on the e-mail channel and leaves the lead subscribed", async () => {
    const lead = await createTestLead(b.id, { phoneNormalized: "+4790000001" });
    const first = await suppressAddress(
      { dealershipId: b.id },
      {
        channel: "email",
        address: lead.customerEmail!,
        reason: "hard_bounce",
        leadId: lead.id,
      },
    );
    expect(first).toEqual({
      created: true,
      suppressed: [{ channel: "email", address: lead.emailNormalized }],
    });
    const again = await suppressAddress(
      { dealershipId: b.id },
      {
        channel: "email",
        address: lead.customerEmail!,
        reason: "complaint",
      },
    );
    expect(again).toEqual({ created: false, suppressed: [] });
    expect(await suppressedIn(b.id, { email: lead.customerEmail!, phone: "+4790000001" })).toEqual({
      email: true,
      sms: false,
    });
    expect((await leadOf(b.id, lead.id)).unsubscribedAt).toBeNull();
  });

  it("stores phone numbers in E.164 and rejects what is not an address", async () => {
    await suppressAddress(
      { dealershipId: b.id },
      { channel: "sms", address: "+47 416 00 000", reason: "manual" },
    );
    expect(await suppressedIn(b.id, { phone: "41600000" })).toEqual({ email: false, sms: true });
    await expect(
      suppressAddress({ dealershipId: b.id }, { channel: "sms", address: "123", reason: "manual" }),
    ).rejects.toThrow();
    await expect(
      suppressAddress({ dealershipId: b.id }, { channel: "email", address: "ikke-epost", reason: "manual" }),
    ).rejects.toThrow();
  });
});
