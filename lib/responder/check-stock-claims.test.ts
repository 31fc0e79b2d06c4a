import { describe, expect, it } from "vitest";
import { byId, replyContext, vehicle } from "../../tests/fixtures/reply-context.ts";
import { findStockClaimViolations } from "./check-stock-claims.ts";
import type { DraftReply } from "./reply-types.ts";

// id4-22 available · id4-21 sold · my-23 reserved · golf-19 available.
const ctx = replyContext({
  vehicles: [byId("id4-22"), byId("id4-21"), byId("my-23"), byId("golf-19")],
  lead: { vehicleInterest: "VW ID.4" },
});
const reply = (citedVehicleIds: string[]): DraftReply => ({
  subject: "",
  body: "",
  citedVehicleIds,
  intent: "general",
});
const check = (text: string, cited: string[]) => findStockClaimViolations(text, reply(cited), ctx);

describe("findStockClaimViolations", () => {
  it.each<[string, string[]]>([
    ["ID.4 fra 2021 er dessverre solgt, men ID.4 fra 2022 er ledig.", ["id4-21", "id4-22"]],
    ["Vi har en Golf og en ID.4 fra 2022, som begge er ledige.", ["golf-19", "id4-22"]],
    ["Volkswagen ID.4 fra 2022. Den er fortsatt ledig.", ["id4-22"]],
    ["The 2021 ID.4 isn't available any more.", ["id4-21"]],
    ["Tesla Model Y er ikke lenger tilgjengelig.", ["my-23"]],
    ["Vi finner gjerne en ledig tid for prøvekjøring.", []],
    ["Selgeren sjekker om den er på lager.", []],
  ])("accepts %j", (text, cited) => {
    expect(check(text, cited)).toEqual([]);
  });

  it.each<[string, string[], string]>([
    ["ID.4 fra 2021 er solgt, men Tesla Model Y er ledig.", ["id4-21", "my-23"], "reserved"],
    ["Vi har en Golf og en Tesla Model Y, som begge er ledige.", ["golf-19", "my-23"], "reserved"],
    ["Volkswagen ID.4 fra 2021. Den er fortsatt ledig.", ["id4-21"], "sold"],
    ["ID.4 fra 2022 er ledig.", [], "not cited"],
    ["Den er på lager.", [], "no cited available car"],
    ["Vi har BMW X5 på lager.", ["id4-22"], "not in the matched inventory"],
    ["Yes, it's still for sale!", ["id4-21"], "sold"],
  ])("flags %j", (text, cited, reason) => {
    const details = check(text, cited);
    expect(details).toHaveLength(1);
    expect(details[0]).toContain(reason);
  });

  it("flags cited ids that are not in the context", () => {
    expect(check("Takk.", ["id4-22", "nope"])).toEqual([
      'cites vehicle id "nope", which is not among the matched inventory cars',
    ]);
  });

  it("allows a claim about the right one of two identical cars", () => {
    const twins = replyContext({
      vehicles: [
        vehicle({ id: "a", make: "Kia", model: "EV6", year: 2022, status: "sold" }),
        vehicle({ id: "b", make: "Kia", model: "EV6", year: 2022 }),
      ],
    });
    expect(findStockClaimViolations("Kia EV6 fra 2022 er ledig.", reply(["a", "b"]), twins)).toEqual([]);
    expect(findStockClaimViolations("Kia EV6 fra 2022 er ledig.", reply(["a"]), twins)).toHaveLength(1);
  });
});
