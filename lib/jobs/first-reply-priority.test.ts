import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  beginFirstReplyWork,
  FIRST_REPLY_GRACE_MS,
  FIRST_REPLY_MAX_WAIT_MS,
  firstRepliesBusy,
  yieldToFirstReplies,
} from "./first-reply-priority.ts";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  // Past any grace left over from the previous test.
  vi.advanceTimersByTime(FIRST_REPLY_MAX_WAIT_MS);
});
afterEach(() => vi.useRealTimers());

/** Settles `promise` into a flag, so a test can see whether it has resolved yet. */
function track<T>(promise: Promise<T>) {
  const state: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => Object.assign(state, { done: true, value }));
  return state;
}

describe("yieldToFirstReplies", () => {
  it("returns at once when no first reply is in flight", async () => {
    expect(firstRepliesBusy()).toBe(false);
    expect(await yieldToFirstReplies()).toBe(0);
  });

  it("waits while first-reply work runs, and the grace after the last one ends", async () => {
    const endA = beginFirstReplyWork();
    const endB = beginFirstReplyWork();
    const waited = track(yieldToFirstReplies());
    await vi.advanceTimersByTimeAsync(200);
    endA();
    endA(); // ending twice counts once: B still runs
    await vi.advanceTimersByTimeAsync(200);
    expect(waited.done).toBe(false);
    endB();
    await vi.advanceTimersByTimeAsync(FIRST_REPLY_GRACE_MS - 5);
    expect(waited.done).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(waited.done).toBe(true);
    expect(waited.value).toBeGreaterThanOrEqual(400 + FIRST_REPLY_GRACE_MS);
    expect(waited.value).toBeLessThan(400 + FIRST_REPLY_GRACE_MS + 10);
  });

  it("runs anyway after maxWaitMs, so a stream of first replies never stops the drain", async () => {
    const end = beginFirstReplyWork();
    const waited = track(yieldToFirstReplies({ maxWaitMs: 300 }));
    await vi.advanceTimersByTimeAsync(299);
    expect(waited.done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(waited.done).toBe(true);
    expect(firstRepliesBusy()).toBe(true);
    end();
  });

  it("stops waiting when its signal aborts", async () => {
    const end = beginFirstReplyWork();
    const abort = new AbortController();
    const waited = track(yieldToFirstReplies({ signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(50);
    expect(waited.done).toBe(false);
    abort.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(waited.done).toBe(true);
    end();
  });
});
