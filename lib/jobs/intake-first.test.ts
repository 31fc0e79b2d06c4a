import type { EventLoopUtilization } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import {
  createIntakeGate,
  INTAKE_BUSY_HOLD_MS,
  INTAKE_BUSY_JOB_INTERVAL_MS,
  startIntakePressureReporter,
} from "./intake-first.ts";

/** A clock that moves only when the gate sleeps (or the test moves it), and the sleeps it was asked for. */
function fakeTime() {
  const time = { now: 10_000, sleeps: [] as number[] };
  return {
    time,
    now: () => time.now,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.now += ms;
    },
  };
}

describe("createIntakeGate", () => {
  it("lets every fetch through at once, unpaced, while no web has said it is busy", async () => {
    const { time, now, sleep } = fakeTime();
    const gate = createIntakeGate({ now, sleep });
    expect(await gate.takeTurn()).toBe(false);
    expect(await gate.takeTurn()).toBe(false);
    expect(time.sleeps).toEqual([]);
  });

  it("while busy hands out one turn per interval, in order, and stops pacing once the hold has passed", async () => {
    const { time, now, sleep } = fakeTime();
    const lines: string[] = [];
    const gate = createIntakeGate({ now, sleep, log: (line) => lines.push(line) });
    expect(gate.isBusy()).toBe(false);
    gate.markBusy();
    expect(gate.isBusy()).toBe(true);
    const startedAt: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await gate.takeTurn()).toBe(true);
      startedAt.push(time.now);
    }
    expect(startedAt).toEqual([0, 1, 2, 3].map((i) => 10_000 + i * INTAKE_BUSY_JOB_INTERVAL_MS));
    expect(lines).toEqual(["intake busy: the web is saturated, pacing jobs until it is not"]); // once

    time.now = 10_000 + INTAKE_BUSY_HOLD_MS; // no busy signal since the first one
    expect(gate.isBusy()).toBe(false);
    expect(await gate.takeTurn()).toBe(false);
    expect(lines[1]).toBe(
      `intake calm again: paced 4 fetches over ${(INTAKE_BUSY_HOLD_MS / 1000).toFixed(1)} s`,
    );
  });

  it("says nothing of a busy spell that held no fetch back", async () => {
    const { time, now, sleep } = fakeTime();
    const lines: string[] = [];
    const gate = createIntakeGate({ now, sleep, log: (line) => lines.push(line) });
    gate.markBusy();
    time.now += 2 * INTAKE_BUSY_HOLD_MS;
    gate.markBusy(); // a second spell: the first ended without a paced fetch
    expect(lines).toEqual([]);
    expect(await gate.takeTurn()).toBe(true);
    expect(lines).toEqual(["intake busy: the web is saturated, pacing jobs until it is not"]);
  });

  it("keeps pacing while busy signals keep coming, as one episode", async () => {
    const { time, now, sleep } = fakeTime();
    const lines: string[] = [];
    const gate = createIntakeGate({ now, sleep, log: (line) => lines.push(line) });
    for (let i = 0; i < 10; i++) {
      gate.markBusy();
      expect(await gate.takeTurn()).toBe(true);
      time.now += INTAKE_BUSY_HOLD_MS / 2;
    }
    expect(lines).toHaveLength(1);
    time.now += INTAKE_BUSY_HOLD_MS;
    expect(await gate.takeTurn()).toBe(false);
    expect(lines[1]).toMatch(/^intake calm again: paced 10 fetches over \d+\.\d s$/);
  });

  it("turns taken at the same moment wait one interval after another", async () => {
    const sleeps: number[] = [];
    const gate = createIntakeGate({ now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    gate.markBusy();
    await Promise.all([gate.takeTurn(), gate.takeTurn(), gate.takeTurn()]);
    expect(sleeps).toEqual([INTAKE_BUSY_JOB_INTERVAL_MS, 2 * INTAKE_BUSY_JOB_INTERVAL_MS]);
  });

  it("a stopping worker does not wait out its turn (real timers)", async () => {
    const gate = createIntakeGate({ intervalMs: 60_000 });
    gate.markBusy();
    await gate.takeTurn(); // the first turn is now
    const stopping = new AbortController();
    const turn = gate.takeTurn(stopping.signal);
    stopping.abort();
    expect(await turn).toBe(true);
  });
});

describe("startIntakePressureReporter", () => {
  /** Event-loop utilisation as the test dictates: each sample reports the next value. */
  function utilisations(values: number[]) {
    const queue = [...values];
    const elu: EventLoopUtilization = { idle: 0, active: 0, utilization: 0 };
    return (current?: EventLoopUtilization) => (current ? { ...elu, utilization: queue.shift() ?? 0 } : elu); // a delta, or taking a reading
  }

  function reporter(options: {
    utilisation?: number[];
    waiting?: number[];
    signal?: () => Promise<unknown>;
  }) {
    const waiting = [...(options.waiting ?? [])];
    const signals: number[] = [];
    const errors: string[] = [];
    let samples = 0;
    const started = startIntakePressureReporter({
      signalBusy:
        options.signal ??
        (async () => {
          signals.push(samples - 1);
        }),
      waitingForConnection: () => waiting.shift() ?? 0,
      measure: utilisations(options.utilisation ?? []),
      onError: (err) => errors.push(err.message),
      intervalMs: 3_600_000, // the test samples by hand
    });
    started.stop();
    /** Takes `count` samples, letting each signal settle before the next. */
    const sample = async (count = 1) => {
      for (let i = 0; i < count; i++) {
        samples++;
        started.sample();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    return { sample, signals, errors };
  }

  it("signals for each sample with the event loop at least 90 % busy, and not below", async () => {
    const { sample, signals } = reporter({ utilisation: [0.5, 0.89, 0.9, 1, 0.2, 0.95] });
    await sample(6);
    expect(signals).toEqual([2, 3, 5]);
  });

  it("signals when requests wait for a database connection two samples in a row, not after one", async () => {
    const { sample, signals } = reporter({ waiting: [3, 0, 5, 0, 2, 7, 1, 0] });
    await sample(8);
    expect(signals).toEqual([5, 6]);
  });

  it("sends one signal at a time; a failed one is reported and does not stop the next", async () => {
    let release: () => void = () => {};
    let calls = 0;
    const { sample, errors } = reporter({
      utilisation: [1, 1, 1, 1],
      signal: () => {
        calls++;
        if (calls === 1) return new Promise<void>((resolve) => (release = resolve));
        return Promise.reject(new Error("database down"));
      },
    });
    await sample(2); // the first signal is still in flight at the second sample
    expect(calls).toBe(1);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    await sample(); // sent, and it fails
    expect(calls).toBe(2);
    expect(errors).toEqual(["database down"]);
    await sample(); // the failure did not leave it stuck
    expect(calls).toBe(3);
  });
});
