import { describe, expect, it } from "vitest";
import { INVENTORY, vehicle } from "../../tests/fixtures/reply-context.ts";
import { canonicalMake, findCarMakes, matchVehicles, scoreVehicleMatch } from "./match-vehicles.ts";

const ids = (interest: string | null, message: string | null = null, inventory = INVENTORY) =>
  matchVehicles(interest, message, inventory).map((v) => v.id);

describe("matchVehicles", () => {
  it.each<[string | null, string | null, string[]]>([
    // Make and model, in every spelling customers use.
    ["Volkswagen ID.4", null, ["id4-22", "id4-21", "golf-19"]],
    ["VW ID4", null, ["id4-22", "id4-21", "golf-19"]],
    ["vw id 4", null, ["id4-22", "id4-21", "golf-19"]],
    ["ID.4", null, ["id4-22", "id4-21"]],
    // The year decides between two ID.4s, even when the matching one is sold.
    ["VW ID.4 2021", null, ["id4-21", "id4-22", "golf-19"]],
    ["Volkswagen Golf", null, ["golf-19", "id4-22", "id4-21"]],
    ["Tesla Model Y", null, ["my-23", "m3-20"]],
    ["Model Y", null, ["my-23"]],
    ["tesla model 3 long range", null, ["m3-20", "my-23"]],
    ["Skoda Enyaq", null, ["enyaq-22"]],
    ["ŠKODA ENYAQ iV 80", null, ["enyaq-22"]],
    ["Audi etron", null, ["etron-21"]],
    ["Audi E-Tron 55", null, ["etron-21"]],
    ["Merc GLC", null, ["glc-20"]],
    ["Mercedes", null, ["glc-20"]],
    ["mercedes-benz glc 300e", null, ["glc-20"]],
    // A make alone matches that make's cars, available before sold at equal score.
    ["Volkswagen", null, ["id4-22", "golf-19", "id4-21"]],
    ["Tesla", null, ["my-23", "m3-20"]],
    // Nothing we stock.
    ["Toyota RAV4", null, []],
    ["Audi A6", null, ["etron-21"]],
    ["elbil", null, []],
    ["", null, []],
    [null, null, []],
    // No interest field: the message decides.
    [null, "Hei! Er Enyaq-en fortsatt ledig?", ["enyaq-22"]],
    [null, "Is the Tesla Model Y still available?", ["my-23", "m3-20"]],
    // An interest field that matches nothing falls back to the message.
    ["Elbil", "Jeg så ID.4 GTX-en deres på finn", ["id4-22", "id4-21"]],
  ])("%j / %j → %j", (interest, message, expected) => {
    expect(ids(interest, message)).toEqual(expected);
  });

  it("does not take the customer's own trade-in car for the car they want", () => {
    expect(ids(null, "Jeg vil bytte inn min Golf 2015 mot en ID.4")).toEqual(["id4-22", "id4-21"]);
    expect(ids(null, "Can I trade in my 2018 VW Golf for the Model Y?")).toEqual(["my-23"]);
  });

  it("lets the message break ties between cars the interest field picked", () => {
    expect(ids("VW ID.4", "Helst 2021-modellen")[0]).toBe("id4-21");
  });

  it("treats makes that are also words as makes only when capitalised", () => {
    const seat = [vehicle({ id: "leon", make: "Seat", model: "Leon" })];
    expect(ids(null, "Is the seat heating good?", seat)).toEqual([]);
    expect(ids(null, "Har dere Seat?", seat)).toEqual(["leon"]);
  });

  it("needs the make beside a model that is only a number or two characters", () => {
    const cars = [
      vehicle({ id: "p3008", make: "Peugeot", model: "3008" }),
      vehicle({ id: "i3", make: "BMW", model: "i3" }),
    ];
    expect(ids(null, "Bilen har gått 3008 mil", cars)).toEqual([]);
    expect(ids("Peugeot 3008", null, cars)).toEqual(["p3008"]);
    expect(ids("BMW i3", null, cars)).toEqual(["i3"]);
  });
});

describe("scoreVehicleMatch", () => {
  const id4 = INVENTORY[0]!;
  it("tells a model match from a make-only match", () => {
    expect(scoreVehicleMatch("VW ID.4", id4)).toMatchObject({ make: true, model: true });
    expect(scoreVehicleMatch("VW Passat", id4)).toMatchObject({ make: true, model: false });
    expect(scoreVehicleMatch("Er bilen ledig?", id4)).toMatchObject({ make: false, model: false, score: 0 });
    expect(scoreVehicleMatch(null, id4).score).toBe(0);
  });
});

describe("findCarMakes / canonicalMake", () => {
  it("finds the known makes a text names, aliases resolved", () => {
    expect([...findCarMakes("Har dere VW eller Merc? Eller en Tesla?")].sort()).toEqual([
      "mercedesbenz",
      "tesla",
      "volkswagen",
    ]);
    expect(findCarMakes("the seat is comfortable").size).toBe(0);
    expect(canonicalMake("Mercedes-Benz")).toBe("mercedesbenz");
    expect(canonicalMake("Škoda")).toBe("skoda");
  });
});
