import { describe, expect, it } from "vitest";
import { aiSilenceOf, nextActionOf, type NextActionInput } from "./next-action.ts";

const now = new Date("2026-03-10T10:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const base: NextActionInput = {
  status: "contacted",
  createdAt: at(-120),
  lastInboundAt: at(-120),
  lastOutboundAt: at(-119),
  humanRespondedAt: null,
  hasPhone: true,
  taskKind: null,
  taskDueAt: null,
};

describe("nextActionOf", () => {
  it("walks the rule: done, needs reply, the open task, call, waiting", () => {
    expect(nextActionOf({ ...base, status: "won" }, now).kind).toBe("done");
    expect(nextActionOf({ ...base, lastOutboundAt: null }, now).kind).toBe("needs_reply");
    expect(nextActionOf({ ...base, lastInboundAt: at(-5) }, now).kind).toBe("needs_reply");
    // The AI answered and promised a call; nobody has called yet.
    expect(nextActionOf(base, now)).toEqual({ kind: "call", dueAt: null, overdue: false });
    expect(nextActionOf({ ...base, taskKind: "call", taskDueAt: at(60 * 24) }, now)).toEqual({
      kind: "call",
      dueAt: at(60 * 24),
      overdue: false,
    });
    expect(nextActionOf({ ...base, taskKind: "follow_up", taskDueAt: at(-1) }, now)).toMatchObject({
      kind: "follow_up",
      overdue: true,
    });
    expect(nextActionOf({ ...base, humanRespondedAt: at(-60) }, now).kind).toBe("waiting");
    expect(nextActionOf({ ...base, hasPhone: false }, now).kind).toBe("waiting");
  });
});

describe("aiSilenceOf", () => {
  const lead = {
    aiPaused: false,
    isTest: false,
    isSpam: false,
    unsubscribed: false,
    source: "website",
    duplicate: false,
    lastAiStatus: null,
  };
  it("says nothing once the AI answered, else why it did not", () => {
    expect(aiSilenceOf({ ...lead, lastAiStatus: "sent" })).toBeNull();
    expect(aiSilenceOf({ ...lead, lastAiStatus: "draft" })).toBe("draft");
    expect(aiSilenceOf({ ...lead, lastAiStatus: "failed" })).toBe("error");
    expect(aiSilenceOf({ ...lead, aiPaused: true })).toBe("paused");
    expect(aiSilenceOf({ ...lead, isTest: true })).toBe("test");
    expect(aiSilenceOf({ ...lead, isSpam: true })).toBe("spam");
    expect(aiSilenceOf({ ...lead, unsubscribed: true })).toBe("opt_out");
    expect(aiSilenceOf({ ...lead, skippedReason: "suppressed" })).toBe("opt_out");
    expect(aiSilenceOf({ ...lead, skippedReason: "ai_off" })).toBe("ai_off");
    expect(aiSilenceOf(lead)).toBeNull();
  });

  it("shows a planned automatic follow-up as 'Oppfølging planlagt' with its time, never overdue", () => {
    const dueAt = at(60 * 48);
    const called = { ...base, humanRespondedAt: at(-60) };
    expect(nextActionOf({ ...called, followUpDueAt: dueAt }, now)).toEqual({
      kind: "follow_up",
      dueAt,
      overdue: false,
    });
    expect(nextActionOf({ ...called, followUpDueAt: at(-5) }, now).overdue).toBe(false);
    // The customer wrote: a reply comes first.
    expect(nextActionOf({ ...called, lastInboundAt: at(-1), followUpDueAt: dueAt }, now).kind).toBe(
      "needs_reply",
    );
  });
});
