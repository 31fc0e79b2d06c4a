import { and, desc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { dealershipLogos, dealerships } from "../../db/schema/dealerships.ts";
import { auditLog, outboxMessages } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { type TestTenant, createTestTenant } from "../helpers/factories.ts";

// Settings → Forhandler: the real server actions (tenantAction) and route handlers, with only who is signed in and
// cache revalidation replaced, against the real database.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const actions = await import("../../app/(dashboard)/settings/actions.ts");
const logoRoute = await import("../../app/api/settings/logo/route.ts");
const publicLogoRoute = await import("../../app/api/public/logos/[dealershipId]/[file]/route.ts");

let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Profil AS");
  vestland = await createTestTenant("Vestland Profil AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const VALID = {
  name: "Fjordbil Profil AS",
  legalName: "Fjordbil Holding AS",
  orgNumber: "974 760 673",
  address: "Strandveien 1",
  postalCode: "5003",
  city: "Bergen",
  phone: "55 12 34 56",
  email: "Post@Fjordbil-Profil.no",
  website: "https://fjordbil-profil.no",
  timezone: "Europe/Oslo",
  serviceEmail: "verksted@fjordbil-profil.no",
  servicePhone: "+47 55 99 88 77",
  primaryColor: "#0A7D3B",
  emailSignature: "Vennlig hilsen\r\nFjordbil Profil AS\r\nTlf. 55 12 34 56",
};

const rowOf = async (id: string) =>
  (await withSystem((tx) => tx.select().from(dealerships).where(eq(dealerships.id, id))))[0]!;
const auditsOf = (id: string, action: string) =>
  withTenant(id, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, id), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.createdAt)),
  );

describe("updateDealershipProfileAction", () => {
  it("saves the profile for an admin, normalised, with one audit entry naming the changed fields", async () => {
    signedIn = await fjordbil.as("admin");
    const result = await actions.updateDealershipProfileAction(null, VALID);
    expect(result).toMatchObject({ ok: true });
    const row = await rowOf(fjordbil.id);
    expect(row).toMatchObject({
      name: "Fjordbil Profil AS",
      legalName: "Fjordbil Holding AS",
      orgNumber: "974760673",
      postalCode: "5003",
      phone: "+4755123456",
      email: "post@fjordbil-profil.no",
      website: "https://fjordbil-profil.no",
      serviceEmail: "verksted@fjordbil-profil.no",
      servicePhone: "+4755998877",
      timezone: "Europe/Oslo",
    });
    expect(row.branding).toMatchObject({
      primaryColor: "#0a7d3b",
      emailSignature: "Vennlig hilsen\nFjordbil Profil AS\nTlf. 55 12 34 56",
    });
    const [audit] = await auditsOf(fjordbil.id, "dealership.profile_updated");
    expect(audit).toMatchObject({ actorType: "user", actorUserId: signedIn.userId, targetId: fjordbil.id });
    expect(audit!.data.changes).toMatchObject({ orgNumber: { from: null, to: "974760673" } });

    // A second save changing one field: the audit names only that field; a save without changes writes none.
    const before = (await auditsOf(fjordbil.id, "dealership.profile_updated")).length;
    expect(
      await actions.updateDealershipProfileAction(null, { ...VALID, timezone: "America/New_York" }),
    ).toMatchObject({ ok: true, data: { changed: ["timezone"] } });
    const [second] = await auditsOf(fjordbil.id, "dealership.profile_updated");
    expect(Object.keys(second!.data.changes as object)).toEqual(["timezone"]);
    await actions.updateDealershipProfileAction(null, { ...VALID, timezone: "America/New_York" });
    expect(await auditsOf(fjordbil.id, "dealership.profile_updated")).toHaveLength(before + 1);
    await actions.updateDealershipProfileAction(null, VALID);
  });

  it("keeps the logo URL when the profile is saved", async () => {
    signedIn = await vestland.as("admin");
    await withSystem((tx) =>
      tx
        .update(dealerships)
        .set({ branding: { logoUrl: "https://example.test/logo.png" } })
        .where(eq(dealerships.id, vestland.id)),
    );
    await actions.updateDealershipProfileAction(null, { ...VALID, name: "Vestland Profil AS" });
    expect((await rowOf(vestland.id)).branding).toMatchObject({ logoUrl: "https://example.test/logo.png" });
  });

  it.each<[string, Partial<Record<keyof typeof VALID, unknown>>]>([
    ["name", { name: "" }],
    ["name", { name: "<script>alert(1)</script>" }],
    ["name", { name: "x".repeat(101) }],
    ["name", { name: "Fjordbil \u202Egnp.exe" }],
    ["legalName", { legalName: "<b>Fjordbil</b>" }],
    ["orgNumber", { orgNumber: "974760674" }],
    ["orgNumber", { orgNumber: "12345678" }],
    ["orgNumber", { orgNumber: "97476067🚗" }],
    ["postalCode", { postalCode: "503" }],
    ["postalCode", { postalCode: "٥٠٠٣" }],
    ["city", { city: 42 }],
    ["phone", { phone: "123" }],
    ["phone", { phone: "ring meg" }],
    ["email", { email: "not-an-email" }],
    ["website", { website: "javascript:alert(1)" }],
    ["website", { website: "ftp://fjordbil.no" }],
    ["timezone", { timezone: "Mars/Olympus_Mons" }],
    ["serviceEmail", { serviceEmail: "verksted@" }],
    ["servicePhone", { servicePhone: "+47 1" }],
    ["primaryColor", { primaryColor: "red;background:url(x)" }],
    ["primaryColor", { primaryColor: "#12345" }],
    ["emailSignature", { emailSignature: "a".repeat(1001) }],
    ["emailSignature", { emailSignature: "Hilsen <img src=x onerror=alert(1)>" }],
  ])("refuses a bad %s with a field error and stores nothing", async (field, bad) => {
    signedIn = await fjordbil.as("admin");
    const before = await rowOf(fjordbil.id);
    const result = await actions.updateDealershipProfileAction(null, { ...VALID, ...bad } as typeof VALID);
    expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: [expect.any(String)] } });
    expect(await rowOf(fjordbil.id)).toEqual(before);
  });

  it("removes NUL and control characters at the edge (issue 24) instead of refusing the form", async () => {
    signedIn = await vestland.as("admin");
    const result = await actions.updateDealershipProfileAction(null, {
      ...VALID,
      address: "Gate\u0007 1\u0000",
    });
    expect(result).toMatchObject({ ok: true });
    expect((await rowOf(vestland.id)).address).toBe("Gate 1");
  });

  it("stores emoji and right-to-left text safely, as typed", async () => {
    signedIn = await vestland.as("admin");
    const result = await actions.updateDealershipProfileAction(null, {
      ...VALID,
      name: "Vestland Bil 🚗",
      city: "أوسلو",
      emailSignature: "שלום 👋\nVestland Bil",
    });
    expect(result).toMatchObject({ ok: true });
    const row = await rowOf(vestland.id);
    expect(row.name).toBe("Vestland Bil 🚗");
    expect(row.city).toBe("أوسلو");
    expect(row.branding.emailSignature).toBe("שלום 👋\nVestland Bil");
  });

  it("gives a manager and a sales rep no access", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      signedIn = await fjordbil.as(role);
      const before = await rowOf(fjordbil.id);
      expect(await actions.updateDealershipProfileAction(null, { ...VALID, name: "Kapret AS" })).toEqual({
        ok: false,
        error: "Du har ikke tilgang til dette",
      });
      expect(await actions.removeLogoAction(null, {})).toEqual({
        ok: false,
        error: "Du har ikke tilgang til dette",
      });
      expect(await rowOf(fjordbil.id)).toEqual(before);
    }
  });

  it("changes only the signed-in admin's own dealership", async () => {
    signedIn = await vestland.as("admin");
    const fjordbilBefore = await rowOf(fjordbil.id);
    await actions.updateDealershipProfileAction(null, { ...VALID, name: "Vestland Igjen AS" });
    expect(await rowOf(fjordbil.id)).toEqual(fjordbilBefore);
    expect((await rowOf(vestland.id)).name).toBe("Vestland Igjen AS");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Logo upload and the public logo URL.

const MB = 1024 * 1024;
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };

function multipart(file: Uint8Array, name = "logo.png", type = "image/png"): Request {
  const body = new FormData();
  body.set("logo", new File([new Uint8Array(file)], name, { type }));
  return new Request("http://localhost/api/settings/logo", { method: "POST", body });
}

/** A body that is generated as it is read, counting what the server pulled: nothing is buffered up front. */
function streamingUpload(totalBytes: number, headers: Record<string, string> = {}) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new Request("http://localhost/api/settings/logo", {
    method: "POST",
    body: stream,
    headers: { "content-type": "image/png", ...headers },
    duplex: "half",
  } as RequestInit);
  return { req, counter };
}

const upload = (req: Request) => logoRoute.POST(req, noParams);
const getLogo = (dealershipId: string, file: string) =>
  publicLogoRoute.GET(new Request(`http://localhost/api/public/logos/${dealershipId}/${file}`), {
    params: Promise.resolve({ dealershipId, file }),
  });
const fileOf = (logoUrl: string) => logoUrl.split("/").slice(-2) as [string, string];

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 125, b: 59, alpha: 1 } } })
    .png()
    .toBuffer();

describe("POST /api/settings/logo", () => {
  it("takes a PNG, fits it into 400×160 as PNG, stores it and points branding.logoUrl at its public URL", async () => {
    signedIn = await fjordbil.as("admin");
    const res = await upload(multipart(await png(1200, 300)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { logo_url: string; width: number; height: number };
    expect(body).toMatchObject({ width: 400, height: 100 });
    expect(body.logo_url).toMatch(
      new RegExp(`^http://localhost:3000/api/public/logos/${fjordbil.id}/[0-9a-f]{16}\\.png$`),
    );
    const [stored] = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(dealershipLogos).where(eq(dealershipLogos.dealershipId, fjordbil.id)),
    );
    expect(stored).toMatchObject({ contentType: "image/png", width: 400, height: 100 });
    expect(body.logo_url).toContain(stored!.sha256.slice(0, 16));
    expect((await sharp(stored!.content).metadata()).format).toBe("png");
    expect((await rowOf(fjordbil.id)).branding.logoUrl).toBe(body.logo_url);
    expect(await auditsOf(fjordbil.id, "dealership.logo_updated")).not.toHaveLength(0);

    // Public, no session: the bytes with a year-long immutable cache.
    signedIn = null;
    const served = await getLogo(...fileOf(body.logo_url));
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(stored!.content)).toBe(true);
  });

  it("takes a JPEG (re-encoded as PNG), and an old URL is a 404 once the logo changes", async () => {
    signedIn = await fjordbil.as("admin");
    const first = (await (await upload(multipart(await png(100, 100)))).json()) as { logo_url: string };
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#336699" } })
      .jpeg()
      .toBuffer();
    const res = await upload(multipart(jpeg, "logo.jpg", "image/jpeg"));
    expect(res.status).toBe(201);
    const second = (await res.json()) as { logo_url: string; width: number; height: number };
    expect(second).toMatchObject({ width: 160, height: 160 });
    expect((await getLogo(...fileOf(second.logo_url))).status).toBe(200);
    expect((await getLogo(...fileOf(first.logo_url))).status).toBe(404);
  });

  it.each([
    [
      "an SVG",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      "logo.svg",
    ],
    ["an SVG named .png", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), "logo.png"],
    ["a text file named .png", Buffer.from("definitely not an image"), "logo.png"],
    [
      "a PNG signature followed by garbage",
      Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(200, 7)]),
      "logo.png",
    ],
    ["a GIF", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "logo.gif"],
  ])("refuses %s with a 400 field error", async (_label, bytes, name) => {
    signedIn = await vestland.as("admin");
    const res = await upload(multipart(bytes, name));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: { logo: [expect.stringMatching(/PNG|JPEG/)] } });
  });

  it("answers 413 for a file of 2 MB + 1 byte", async () => {
    signedIn = await vestland.as("admin");
    const big = new Uint8Array(2 * MB + 1);
    big.set(Buffer.from("89504e470d0a1a0a", "hex"));
    expect((await upload(multipart(big))).status).toBe(413);
    // The same as the raw body, without multipart.
    const raw = new Request("http://localhost/api/settings/logo", {
      method: "POST",
      body: big,
      headers: { "content-type": "image/png" },
    });
    expect((await upload(raw)).status).toBe(413);
  });

  it("answers 413 for a 50 MB body without reading it: streamed, it stops just past the limit", async () => {
    signedIn = await vestland.as("admin");
    const { req, counter } = streamingUpload(50 * MB);
    const res = await upload(req);
    expect(res.status).toBe(413);
    // The reader cancels at the cap (2 MB + the multipart envelope); the stream may have queued a chunk or two.
    expect(counter.pulled).toBeLessThan(3 * MB);
  });

  it("answers 413 from a 50 MB Content-Length before reading a byte", async () => {
    signedIn = await vestland.as("admin");
    const { req, counter } = streamingUpload(50 * MB, { "content-length": String(50 * MB) });
    const res = await upload(req);
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThan(256 * 1024);
  });

  it("refuses a manager and a sales rep with 403 before reading the body", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      signedIn = await fjordbil.as(role);
      const { req, counter } = streamingUpload(50 * MB);
      expect((await upload(req)).status).toBe(403);
      expect(counter.pulled).toBeLessThan(256 * 1024);
    }
    signedIn = null;
    expect((await upload(multipart(await png(10, 10)))).status).toBe(401);
  });

  it("serves 404 for another dealership's id with this hash, an unknown id, and a malformed file name", async () => {
    signedIn = await fjordbil.as("admin");
    const { logo_url } = (await (await upload(multipart(await png(50, 50)))).json()) as { logo_url: string };
    const [, file] = fileOf(logo_url);
    expect((await getLogo(fjordbil.id, file)).status).toBe(200);
    expect((await getLogo(vestland.id, file)).status).toBe(404);
    expect((await getLogo(crypto.randomUUID(), file)).status).toBe(404);
    expect((await getLogo("not-a-uuid", file)).status).toBe(404);
    expect((await getLogo(fjordbil.id, file.replace(".png", ".svg"))).status).toBe(404);
    expect((await getLogo(fjordbil.id, "0000000000000000.png")).status).toBe(404);
  });

  it("removes the logo with “Fjern logo”: the URL is a 404 and branding.logoUrl is gone", async () => {
    signedIn = await vestland.as("admin");
    const { logo_url } = (await (await upload(multipart(await png(50, 50)))).json()) as { logo_url: string };
    expect(await actions.removeLogoAction(null, {})).toMatchObject({ ok: true, data: { removed: true } });
    expect((await getLogo(...fileOf(logo_url))).status).toBe(404);
    expect((await rowOf(vestland.id)).branding.logoUrl).toBeUndefined();
    expect(await auditsOf(vestland.id, "dealership.logo_removed")).not.toHaveLength(0);
  });
});

describe("the reply e-mail uses the profile", () => {
  it("carries the signature once, the logo URL and the brand colour; a service request gets the service desk", async () => {
    signedIn = await fjordbil.as("admin");
    await actions.updateDealershipProfileAction(null, VALID);
    const { logo_url } = (await (await upload(multipart(await png(600, 200)))).json()) as {
      logo_url: string;
    };
    const { leadId } = await ingestLead(
      { dealershipId: fjordbil.id },
      {
        source: "website",
        name: "Kari Service",
        email: `kari-${crypto.randomUUID().slice(0, 8)}@example.no`,
        message: "Hei! Kan jeg bestille EU-kontroll på bilen min neste uke?",
      },
    );
    await respondToLead({ dealershipId: fjordbil.id }, { leadId });
    const [reply] = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, leadId), eq(conversations.direction, "outbound"))),
    );
    expect(reply!.messageContent).toContain("55 99 88 77");
    expect(reply!.messageContent).toContain("verksted@fjordbil-profil.no");
    await sendCustomerEmail({ dealershipId: fjordbil.id }, { conversationId: reply!.id, leadId });
    const [mail] = await withTenant(fjordbil.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.channel, "email"))),
    );
    expect(mail!.bodyHtml).toContain(`src="${logo_url}"`);
    expect(mail!.bodyHtml).toContain("#0a7d3b");
    expect(mail!.bodyHtml).toMatch(/Vennlig hilsen<br\/?>Fjordbil Profil AS<br\/?>Tlf\. 55 12 34 56/);
    expect(mail!.bodyText.split("Fjordbil Profil AS\nTlf. 55 12 34 56")).toHaveLength(2);
  });
});
