import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../tests/fixtures/reply-scenarios.ts";
import { evaluateScenario, findRepeatedSequence } from "../../tests/helpers/evaluate-reply-scenarios.ts";
import type { FactIntent } from "./lead-facts.ts";
import { readLead } from "./read-lead.ts";

describe("issue 17's scenario set", () => {
  it("has at least 80 scenarios", () => expect(SCENARIOS.length).toBeGreaterThanOrEqual(80));

  it.each(SCENARIOS)("$id: facts, reply properties and guardrails hold", (scenario) => {
    const result = evaluateScenario(scenario);
    expect(result.factProblems).toEqual([]);
    expect(result.replyProblems).toEqual([]);
    expect(result.guardrailsOk).toBe(true);
  });

  it("answers every intent in at least 95 % of the scenarios raising it", () => {
    const totals = new Map<string, [number, number]>();
    for (const r of SCENARIOS.map(evaluateScenario))
      for (const [intent, ok] of Object.entries(r.answered)) {
        const [raised, answered] = totals.get(intent) ?? [0, 0];
        totals.set(intent, [raised + 1, answered + (ok ? 1 : 0)]);
      }
    for (const [intent, [raised, answered]] of totals)
      expect(answered / raised, intent).toBeGreaterThanOrEqual(0.95);
  });

  it("no reply repeats a 4-word sequence", () => {
    for (const r of SCENARIOS.map(evaluateScenario))
      if (r.reply) expect(findRepeatedSequence(r.reply.body), r.id).toBeNull();
  });

  it("the repeat check can fail", () => {
    expect(
      findRepeatedSequence(
        "Hei!\n\nvi vil høre hva du ser etter og høre hva du ser etter.\n\nHilsen\n\nDisclosure",
      ),
    ).toBe("høre hva du ser");
  });
});

describe("readLead — one unit test per intent", () => {
  it.each<[FactIntent, string]>([
    ["price", "Hva koster den?"],
    ["availability", "Er bilen fortsatt ledig?"],
    ["test_drive", "Kan eg prøvekøyre han på laurdag?"],
    ["trade_in", "Tar dere innbytte?"],
    ["financing", "Er leasing mogleg?"],
    ["reservation", "Kan dere holde av bilen?"],
    ["delivery", "Hva er leveringstiden?"],
    ["service", "Må bestille EU-kontroll på bilen min"],
    ["callback", "Ring meg etter kl. 18"],
    ["opt_out", "Ikke kontakt meg igjen"],
    ["complaint", "Jeg vil klage på oppfølgingen"],
    ["browse", "Hei"],
  ])("%s ← %s", (intent, text) => expect(readLead({ message: text }).intents).toContain(intent));

  it("reads intents in the customer's order", () => {
    expect(readLead({ message: "Tar dere innbytte? Og kan jeg prøvekjøre?" }).intents).toEqual([
      "trade_in",
      "test_drive",
    ]);
  });
});

describe("readLead — one unit test per criterion", () => {
  const c = (text: string) => readLead({ message: text }).criteria;
  it("make/model", () =>
    expect(c("Har dere Tesla Model Y?")).toMatchObject({ makes: ["tesla"], namedCar: "Tesla Model Y" }));
  it("body type", () => expect(c("ser etter stasjonsvogn").bodyTypes).toEqual(["station_wagon"]));
  it("fuel (compound)", () => expect(c("en elbil takk").fuels).toEqual(["electric"]));
  it("budget max", () => expect(c("maks 300 000 kr").budgetMax).toBe(300_000));
  it("budget min", () =>
    expect(c("mellom 200 000 og 300 000 kr")).toMatchObject({ budgetMin: 200_000, budgetMax: 300_000 }));
  it("drivetrain", () => expect(c("må ha firehjulstrekk").drivetrain).toBe("awd"));
  it("towbar (nynorsk)", () => expect(c("treng hengarfeste").towbar).toBe(true));
  it("towbar negated", () => expect(c("trenger ikke hengerfeste").towbar).toBe(false));
  it("seats", () => expect(c("7-seter").seatsMin).toBe(7));
  it("range", () => expect(c("rekkevidde minst 400 km").rangeMinKm).toBe(400));
  it("year", () => expect(c("2020 eller nyere").yearMin).toBe(2020));
  it("mileage (mil)", () => expect(c("under 10 000 mil").mileageMaxKm).toBe(100_000));
  it("transmission", () => expect(c("automatgir").transmission).toBe("automatic"));
  it("family", () => expect(c("familiebil").family).toBe(true));
});

describe("readLead — language and times", () => {
  it("English", () => expect(readLead({ message: "Is it still available?" }).language).toBe("en"));
  it("nynorsk", () => expect(readLead({ message: "Eg lurer på kva han kostar" }).language).toBe("nn"));
  it("callback window", () =>
    expect(readLead({ message: "Ring meg i morgen mellom 16 og 18" }).callback).toMatchObject({
      day: "tomorrow",
      after: 16 * 60,
      before: 18 * 60,
    }));
  it("test drive day and time", () =>
    expect(readLead({ message: "Prøvekjøring lørdag kl 11?" }).testDrive).toMatchObject({
      day: "sat",
      at: 11 * 60,
    }));
});
