import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dealerships } from "../../db/schema/dealerships.ts";
import { auditLog } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withSystem, withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { createTestTenant, type TestTenant } from "../helpers/factories.ts";

// Settings → Samtaler og SMS through the real server action (tenantAction). Only the session and revalidation
// are replaced.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { updateConversationSettingsAction: save } =
  await import("../../app/(dashboard)/settings/conversation/actions.ts");

const NO_ACCESS = { ok: false, error: "Du har ikke tilgang til dette" };
const number = () => `+479${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const form = (over: Record<string, unknown> = {}) => ({
  aiReplyMode: "draft",
  aiHandoffAfterTurns: 3,
  smsNumber: "",
  smsSenderId: "",
  ...over,
});

let shop: TestTenant;
let other: TestTenant;
beforeAll(async () => {
  shop = await createTestTenant("Samtale Innstilling AS");
  other = await createTestTenant("Annen Innstilling AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const row = (id: string) =>
  withSystem(async (tx) => (await tx.select().from(dealerships).where(eq(dealerships.id, id)))[0]!);

describe("updateConversationSettingsAction", () => {
  it("new dealerships answer replies in draft mode; an admin may choose autopilot, the number is stored E.164, audited", async () => {
    expect((await row(shop.id)).aiReplyMode).toBe("draft");
    signedIn = await shop.as("admin");
    const n = number();
    const result = await save(
      null,
      form({
        aiReplyMode: "autopilot",
        aiHandoffAfterTurns: "5",
        smsNumber: n.replace("+47", "0047 "),
        smsSenderId: "Fjordbil",
      }) as never,
    );
    expect(result).toEqual({ ok: true, data: { saved: true } });
    expect(await row(shop.id)).toMatchObject({
      aiReplyMode: "autopilot",
      aiHandoffAfterTurns: 5,
      smsNumber: n,
      smsSenderId: "Fjordbil",
    });
    const audit = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.dealershipId, shop.id),
            eq(auditLog.action, "dealership.conversation_settings_updated"),
          ),
        ),
    );
    expect(audit).toHaveLength(1);
  });

  it("field errors beside each field: mode, turns, number, sender id (markup, too long, emoji, RTL)", async () => {
    signedIn = await shop.as("admin");
    const result = await save(
      null,
      form({
        aiReplyMode: "yolo",
        aiHandoffAfterTurns: 0,
        smsNumber: "<script>",
        smsSenderId: "🚗 שלום",
      }) as never,
    );
    expect(result).toMatchObject({ ok: false });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual([
      "aiHandoffAfterTurns",
      "aiReplyMode",
      "smsNumber",
      "smsSenderId",
    ]);
    expect(await save(null, form({ aiHandoffAfterTurns: 11 }) as never)).toMatchObject({ ok: false });
    expect(await save(null, form({ smsSenderId: "12345" }) as never)).toMatchObject({ ok: false });
    expect(await save(null, form({ smsSenderId: "ALongerThan11" }) as never)).toMatchObject({ ok: false });
  });

  it("managers and reps cannot change it (autopilot is the admin's choice)", async () => {
    for (const role of ["manager", "sales_rep"] as const) {
      signedIn = await shop.as(role);
      expect(await save(null, form({ aiReplyMode: "autopilot" }) as never)).toEqual(NO_ACCESS);
    }
  });

  it("a number another dealership uses is refused on the field, and nothing of theirs changes", async () => {
    signedIn = await other.as("admin");
    const theirs = number();
    expect(await save(null, form({ smsNumber: theirs }) as never)).toMatchObject({ ok: true });
    signedIn = await shop.as("admin");
    const result = await save(null, form({ smsNumber: theirs }) as never);
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { smsNumber: [expect.stringMatching(/i bruk/)] },
    });
    expect((await row(other.id)).smsNumber).toBe(theirs);
  });
});
