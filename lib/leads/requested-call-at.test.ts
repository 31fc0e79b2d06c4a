import { describe, expect, it } from "vitest";
import { nextActionOf } from "./next-action.ts";
import { readLead, readRequestedCallback } from "../responder/read-lead.ts";
import { requestedCallAtOf, resolveRequestedTime } from "./requested-call-at.ts";

const OSLO = "Europe/Oslo";
// Tuesday 10 March 2026, 10:00 in Oslo (UTC+1).
const written = new Date("2026-03-10T09:00:00Z");
const oslo = (isoLocal: string) => new Date(`${isoLocal}+01:00`);
const time = (t: Partial<Parameters<typeof resolveRequestedTime>[0]>) =>
  resolveRequestedTime(
    { day: null, partOfDay: null, at: null, after: null, before: null, ...t },
    written,
    OSLO,
  );

describe("resolveRequestedTime", () => {
  it("reads a day and a clock time relative to when the customer wrote, in the dealership's zone", () => {
    expect(time({ day: "today", partOfDay: "evening", after: 18 * 60 })).toEqual(oslo("2026-03-10T18:00"));
    expect(time({ day: "tomorrow", at: 10 * 60 })).toEqual(oslo("2026-03-11T10:00"));
    expect(time({ day: "sat", at: 11 * 60 })).toEqual(oslo("2026-03-14T11:00"));
    expect(time({ day: "weekend" })).toEqual(oslo("2026-03-14T09:00"));
    // A window starts at its lower bound; "før 12" alone is due at 12.
    expect(time({ after: 16 * 60, before: 18 * 60 })).toEqual(oslo("2026-03-10T16:00"));
    expect(time({ before: 12 * 60 })).toEqual(oslo("2026-03-10T12:00"));
    expect(time({ day: "tomorrow", partOfDay: "afternoon" })).toEqual(oslo("2026-03-11T12:00"));
  });

  it("never puts the call before the message: a passed time moves on, 'i dag' is due at once", () => {
    expect(time({ at: 9 * 60 })).toEqual(oslo("2026-03-11T09:00"));
    expect(time({ day: "tue", at: 9 * 60 })).toEqual(oslo("2026-03-17T09:00"));
    expect(time({ day: "today" })).toEqual(written);
    expect(time({})).toBeNull();
  });

  it("counts days on the dealership's calendar across the spring-forward night", () => {
    // Saturday 28 March 2026, 23:30 in Oslo; "i morgen kl. 10" is Sunday 29 March after the clocks went to UTC+2.
    const lateSaturday = new Date("2026-03-28T22:30:00Z");
    expect(
      resolveRequestedTime(
        { day: "tomorrow", partOfDay: null, at: 600, after: null, before: null },
        lateSaturday,
        OSLO,
      ),
    ).toEqual(new Date("2026-03-29T10:00:00+02:00"));
  });
});

describe("requestedCallAtOf → nextActionOf", () => {
  const lead = {
    vehicleInterest: "Tesla Model Y",
    initialMessage: "Hei! Kan dere ringe meg i kveld etter kl. 18? Mvh Kari",
    createdAt: written,
  };

  it("reads the customer's requested call time from their own words", () => {
    expect(requestedCallAtOf(lead, OSLO)).toEqual(oslo("2026-03-10T18:00"));
    expect(requestedCallAtOf({ ...lead, initialMessage: "Ring meg på lørdag kl. 11" }, OSLO)).toEqual(
      oslo("2026-03-14T11:00"),
    );
    // No call asked, or a call without a time: nothing to be due at.
    expect(requestedCallAtOf({ ...lead, initialMessage: "Er bilen fortsatt til salgs?" }, OSLO)).toBeNull();
    expect(requestedCallAtOf({ ...lead, initialMessage: "Ring meg, takk." }, OSLO)).toBeNull();
    // A test drive on Saturday is not a call time.
    expect(
      requestedCallAtOf({ ...lead, initialMessage: "Kan jeg prøvekjøre den på lørdag kl. 11?" }, OSLO),
    ).toBeNull();
  });

  it("makes 'Ring kunden' due at that time, overdue once it has passed, and a rep's task wins", () => {
    const requestedCallAt = requestedCallAtOf(lead, OSLO);
    const base = {
      status: "contacted" as const,
      createdAt: written,
      lastInboundAt: written,
      lastOutboundAt: new Date(written.getTime() + 30_000),
      humanRespondedAt: null,
      hasPhone: true,
      taskKind: null,
      taskDueAt: null,
      requestedCallAt,
    };
    expect(nextActionOf(base, oslo("2026-03-10T12:00"))).toEqual({
      kind: "call",
      dueAt: oslo("2026-03-10T18:00"),
      overdue: false,
    });
    expect(nextActionOf(base, oslo("2026-03-10T18:30"))).toMatchObject({ kind: "call", overdue: true });
    const task = oslo("2026-03-11T10:00");
    expect(
      nextActionOf({ ...base, taskKind: "call", taskDueAt: task }, oslo("2026-03-10T12:00")).dueAt,
    ).toEqual(task);
    // Once a person has been in touch the request is answered.
    expect(nextActionOf({ ...base, humanRespondedAt: written }, oslo("2026-03-10T12:00")).kind).toBe(
      "waiting",
    );
  });
});

describe("readRequestedCallback", () => {
  it("agrees with readLead's callback on calls, times, test drives, opt-outs and English", () => {
    for (const message of [
      "Kan dere ringe meg i kveld etter kl. 18?",
      "Ring meg på lørdag kl. 11, eller send SMS.",
      "Kan jeg prøvekjøre på lørdag? Ring meg gjerne i morgen mellom 16 og 18.",
      "Ikke ring meg, send heller e-post.",
      "Please call me tomorrow after 6 pm.",
      "Eg vil gjerne bli ringt i ettermiddag.",
      "Er bilen ledig?",
      "",
    ]) {
      const facts = readLead({ vehicleInterest: "Skoda Octavia", message });
      const expected = facts.intents.includes("callback") ? facts.callback : null;
      expect(readRequestedCallback({ vehicleInterest: "Skoda Octavia", message }), message).toEqual(expected);
    }
  });
});
