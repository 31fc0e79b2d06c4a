// First: its vi.mock of the session must be in place before any module that reads the session loads.
import { fjordbil, intruder, rep, setUpLeadActionTenants, signIn } from "../helpers/lead-actions-fixture.ts";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, leadEvents, leadStatusHistory, notes } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestLead } from "../helpers/factories.ts";

// The lead page's server actions through tenantAction, with only the request context replaced: who is signed in
// and cache revalidation. Every action is also tried by Vestland's user against Fjordbil's lead.
const actions = await import("../../app/(dashboard)/leads/[id]/actions.ts");
const { approveDraftAction } = await import("../../app/(dashboard)/leads/actions.ts");

setUpLeadActionTenants({ fjordbil: "Fjordbil Side AS", vestland: "Vestland Side AS" });

async function aiMessage(leadId: string, deliveryStatus: "draft" | "pending" | "sent") {
  const [row] = await withTenant(fjordbil.id, (tx) =>
    tx
      .insert(conversations)
      .values({
        dealershipId: fjordbil.id,
        leadId,
        channel: "email",
        direction: "outbound",
        senderType: "ai",
        subject: "Svar fra Fjordbil",
        messageContent: "Hei! Bilen er tilgjengelig.",
        deliveryStatus,
      })
      .returning(),
  );
  return row!;
}
const messageOf = (id: string) =>
  withTenant(
    fjordbil.id,
    async (tx) => (await tx.select().from(conversations).where(eq(conversations.id, id)))[0]!,
  );
const leadOf = (id: string) =>
  withTenant(fjordbil.id, async (tx) => (await tx.select().from(leads).where(eq(leads.id, id)))[0]!);

describe("status", () => {
  it("records the change with who and why; lost needs a reason", async () => {
    const lead = await createTestLead(fjordbil.id);
    signIn(rep);
    const noReason = await actions.changeLeadStatusAction(null, { leadId: lead.id, status: "lost" });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: [expect.any(String)] } });
    expect(
      await actions.changeLeadStatusAction(null, { leadId: lead.id, status: "lost", reason: "For dyr" }),
    ).toMatchObject({ ok: true });
    const history = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leadStatusHistory).where(eq(leadStatusHistory.leadId, lead.id)),
    );
    expect(history).toEqual([
      expect.objectContaining({
        oldStatus: "new",
        newStatus: "lost",
        reason: "For dyr",
        changedBy: rep.userId,
      }),
    ]);
  });
});

describe("take over and hand back", () => {
  it("pauses the AI and cancels its unsent messages, leaves sent ones; hand back un-pauses", async () => {
    const lead = await createTestLead(fjordbil.id);
    const draft = await aiMessage(lead.id, "draft");
    const pending = await aiMessage(lead.id, "pending");
    const sent = await aiMessage(lead.id, "sent");
    signIn(rep);
    expect(await actions.setAiPausedAction(null, { leadId: lead.id, paused: "true" })).toEqual({
      ok: true,
      data: { cancelledMessages: 2 },
    });
    expect((await leadOf(lead.id)).aiPaused).toBe(true);
    expect((await messageOf(draft.id)).deliveryStatus).toBe("cancelled");
    expect((await messageOf(pending.id)).deliveryStatus).toBe("cancelled");
    expect((await messageOf(sent.id)).deliveryStatus).toBe("sent");
    expect(await actions.setAiPausedAction(null, { leadId: lead.id, paused: "false" })).toMatchObject({
      ok: true,
    });
    expect((await leadOf(lead.id)).aiPaused).toBe(false);
    const types = (
      await withTenant(fjordbil.id, (tx) =>
        tx.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id)),
      )
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["lead.taken_over", "lead.handed_back"]));
  });
});

describe("drafts", () => {
  it("discards a draft; approving it afterwards is refused", async () => {
    const lead = await createTestLead(fjordbil.id);
    const draft = await aiMessage(lead.id, "draft");
    signIn(rep);
    expect(await actions.discardDraftAction(null, { conversationId: draft.id })).toMatchObject({ ok: true });
    expect((await messageOf(draft.id)).deliveryStatus).toBe("cancelled");
    expect(await approveDraftAction(null, { conversationId: draft.id })).toMatchObject({ ok: false });
  });
});

describe("reply, note, assignment", () => {
  it("stores the rep's e-mail as pending (shown at once) with the rep as sender", async () => {
    const lead = await createTestLead(fjordbil.id);
    signIn(rep);
    const result = await actions.sendReplyAction(null, {
      leadId: lead.id,
      channel: "email",
      body: "Hei, når passer det?",
    });
    expect(result).toMatchObject({ ok: true });
    const message = await messageOf((result as { data: { conversationId: string } }).data.conversationId);
    expect(message).toMatchObject({
      senderType: "human",
      senderUserId: rep.userId,
      deliveryStatus: "pending",
      channel: "email",
    });
    expect(
      await actions.sendReplyAction(null, { leadId: lead.id, channel: "email", body: "  " }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { body: [expect.any(String)] },
    });
  });

  it("adds an internal note and assigns a rep", async () => {
    const lead = await createTestLead(fjordbil.id);
    signIn(rep);
    expect(
      await actions.addNoteAction(null, { leadId: lead.id, body: "Kunden vil ha hengerfeste" }),
    ).toMatchObject({ ok: true });
    expect(await actions.assignLeadAction(null, { leadId: lead.id, assignedTo: rep.userId })).toMatchObject({
      ok: true,
    });
    const saved = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(notes).where(eq(notes.leadId, lead.id)),
    );
    expect(saved).toEqual([
      expect.objectContaining({ body: "Kunden vil ha hengerfeste", authorId: rep.userId }),
    ]);
    expect((await leadOf(lead.id)).assignedTo).toBe(rep.userId);
  });
});

describe("delete", () => {
  it("is refused for a sales rep, done for a manager (then redirects to the inbox)", async () => {
    const lead = await createTestLead(fjordbil.id);
    signIn(rep);
    expect(await actions.deleteLeadAction(null, { leadId: lead.id })).toMatchObject({ ok: false });
    signIn(await fjordbil.as("manager"));
    await expect(actions.deleteLeadAction(null, { leadId: lead.id })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(
      await withTenant(fjordbil.id, (tx) => tx.select().from(leads).where(eq(leads.id, lead.id))),
    ).toEqual([]);
  });
});

describe("another dealership's user", () => {
  it("gets not-found from every action on Fjordbil's lead and changes nothing", async () => {
    const lead = await createTestLead(fjordbil.id);
    const draft = await aiMessage(lead.id, "draft");
    signIn(intruder);
    const results = [
      await actions.changeLeadStatusAction(null, { leadId: lead.id, status: "won" }),
      await actions.assignLeadAction(null, { leadId: lead.id, assignedTo: intruder.userId }),
      await actions.addNoteAction(null, { leadId: lead.id, body: "Hei" }),
      await actions.sendReplyAction(null, { leadId: lead.id, channel: "email", body: "Hei" }),
      await actions.setAiPausedAction(null, { leadId: lead.id, paused: "true" }),
      await actions.discardDraftAction(null, { conversationId: draft.id }),
      await actions.deleteLeadAction(null, { leadId: lead.id }),
      await approveDraftAction(null, { conversationId: draft.id }),
    ];
    for (const result of results)
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Fant ikke/) });
    const after = await leadOf(lead.id);
    expect(after).toMatchObject({ status: "new", assignedTo: null, aiPaused: false });
    expect((await messageOf(draft.id)).deliveryStatus).toBe("draft");
  });
});
