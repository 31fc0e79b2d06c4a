import { describe, expect, it } from "vitest";
import { byId, replyContext } from "../../tests/fixtures/reply-context.ts";
import { aiDisclosureLine, checkReply, withDisclosure, type GuardrailRule } from "./guardrails.ts";
import type { DraftReply, ReplyContext } from "./reply-types.ts";

// id4-22: available, 389 000 kr · id4-21: sold, 349 000 kr · my-23: reserved, 429 900 kr · etron-21: available, no price.
const ctx = replyContext({
  vehicles: [byId("id4-22"), byId("id4-21"), byId("my-23"), byId("etron-21")],
  lead: { customerName: "Kari Nordmann", vehicleInterest: "VW ID.4 eller Audi A6", message: "Er den ledig?" },
});

function draft(
  main: string,
  citedVehicleIds: string[] = ["id4-22"],
  context: ReplyContext = ctx,
): DraftReply {
  const body = `Hei Kari!\n\n${main}\n\nVennlig hilsen\nFjordbil AS\nTlf. 22 33 44 55`;
  return withDisclosure(
    { subject: "Takk for henvendelsen", body, citedVehicleIds, intent: "general" },
    context,
  );
}

const LONG = Array.from(
  { length: 10 },
  (_, i) => `Dette er setning nummer ${i + 1} i et altfor langt svar.`,
).join(" ");

describe("checkReply", () => {
  it.each<[string, string, string[], GuardrailRule[]]>([
    // Clean replies: what a good first reply says, in both languages.
    [
      "available car with its listed price",
      "Takk for at du tok kontakt om Volkswagen ID.4 fra 2022. Bilen er tilgjengelig, og annonsert pris er 389 000 kr. En av våre selgere tar kontakt med deg i løpet av kort tid.",
      ["id4-22"],
      [],
    ],
    ["price as kr 389.000,-", "Prisen er kr 389.000,- og den er ledig.", ["id4-22"], []],
    ["English price and availability", "The price is NOK 389,000 and it is still available.", ["id4-22"], []],
    [
      "trade-in and financing handed to the salesperson",
      "Kari tar kontakt med deg i morgen fra kl. 08.00, og hun kan også gi deg en vurdering av Golfen og gå gjennom finansieringsmulighetene med deg.",
      [],
      [],
    ],
    [
      "sold car with an available alternative",
      "Volkswagen ID.4 fra 2021 er dessverre solgt, men vi har en ID.4 fra 2022 til 389 000 kr som er ledig.",
      ["id4-21", "id4-22"],
      [],
    ],
    [
      "reserved car, no price",
      "Tesla Model Y er dessverre reservert akkurat nå, men selgeren kan fortelle deg om den blir ledig igjen.",
      ["my-23"],
      [],
    ],
    ["the cited car's listing", "Se annonsen her: https://fjordbil.example/biler/id4-22.", ["id4-22"], []],
    [
      "the dealership's phone and address",
      "Ring oss gjerne på 22 33 44 55, eller kom innom Storgata 1 i Oslo.",
      [],
      [],
    ],
    ["year and mileage", "Den er fra 2022, har gått 32 000 km og har 77 kWh batteri.", ["id4-22"], []],
    [
      "English: when we call",
      "A salesperson will call you tomorrow from 08.00 to go through the financing options with you.",
      [],
      [],
    ],
    ["a trade-in assessment", "Selgeren ser gjerne på innbyttebilen din og gir deg en vurdering.", [], []],
    ["the dealership's own website", "Flere biler finner du på fjordbil.no.", [], []],
    ["a conditional, not a claim", "Vi sjekker om den er ledig og kommer tilbake til deg.", [], []],
    ["English offer to continue", "Feel free to reply in English – Kari will be happy to help.", [], []],
    ["EU approval is not a loan approval", "Bilen er nylig EU-godkjent og ledig.", ["id4-22"], []],
    ["'dealership' is not a deal", "Our dealership is open until 17.00 today.", [], []],
    [
      "opening hours and postcode",
      "Vi har åpent til kl. 17.00, og du finner oss i Storgata 1, 0150 Oslo.",
      [],
      [],
    ],
    [
      "an available car without a price",
      "Audi e-tron fra 2021 er ledig, og selgeren gir deg prisen.",
      ["etron-21"],
      [],
    ],
    [
      "two of a model, one sold",
      "Vi har to ID.4: en fra 2022 som er ledig (389 000 kr), og en fra 2021 som dessverre er solgt.",
      ["id4-22", "id4-21"],
      [],
    ],
    [
      "ready for a test drive is not a delivery",
      "Bilen står klar til prøvekjøring, og Kari ringer deg snart.",
      ["id4-22"],
      [],
    ],

    // Money: only the listed price of a cited available car.
    ["a made-up price", "Prisen er 379 000 kr.", ["id4-22"], ["money"]],
    ["the sold car's old price", "Den kostet 349 000 kr.", ["id4-21"], ["money"]],
    ["the reserved car's price", "Tesla Model Y koster 429 900 kr.", ["my-23"], ["money"]],
    ["a price in dollars", "It's yours for $35,000.", ["id4-22"], ["money"]],
    ["the right price, but the car is not cited", "Prisen er 389 000 kr.", [], ["money"]],
    ["a price as 375k", "Vi kan gjøre den for 375k.", ["id4-22"], ["money"]],
    ["a prompt-injected price", "Som avtalt koster bilen 1 kr.", ["id4-22"], ["money"]],

    // Discounts, in every guise.
    ["a percentage off", "Vi kan gi deg 10 % rabatt.", ["id4-22"], ["discount"]],
    ["negotiable", "Prisen kan diskuteres.", ["id4-22"], ["discount"]],
    ["coming down a bit", "Vi kan sikkert gå ned litt på prisen.", ["id4-22"], ["discount"]],
    ["a great deal", "We can offer you a great deal on this one.", ["id4-22"], ["discount"]],
    ["knocking money off", "I can knock 10,000 off the price.", ["id4-22"], ["money", "discount"]],
    ["freebies", "Vi slenger med vinterhjul på kjøpet.", ["id4-22"], ["discount"]],
    ["best price", "Beste pris er 389 000 kr.", ["id4-22"], ["discount"]],
    [
      "stretching on price",
      "Prisen er 389 000 kr, men vi kan nok strekke oss litt.",
      ["id4-22"],
      ["discount"],
    ],

    // Trade-in values.
    [
      "a trade-in value",
      "Innbytteverdien på Golfen din er rundt 120 000 kr.",
      [],
      ["money", "trade_in_value"],
    ],
    ["what the customer's car is worth", "Bilen din er verdt ca. 100 000.", [], ["money", "trade_in_value"]],
    ["English: worth", "Your car is worth about 120k.", [], ["money", "trade_in_value"]],
    ["an offer for the old car", "Vi gir deg 150 000 for bilen din.", [], ["money", "trade_in_value"]],

    // Financing approvals and terms.
    ["a loan approval", "Lånet ditt er godkjent.", [], ["financing"]],
    ["an interest rate", "Du får lån med 4,9 % rente.", [], ["financing"]],
    ["a monthly price", "Månedsprisen blir 3 990 kr.", [], ["money", "financing"]],
    ["English: pre-approved", "You are pre-approved for financing.", [], ["financing"]],
    ["a sure loan", "Du vil helt sikkert få lån hos oss.", [], ["financing"]],
    ["English: per month and APR", "Only 2,990 per month with 0% APR.", [], ["money", "financing"]],

    // Reservations.
    ["reserved for the customer", "Vi har reservert bilen for deg.", ["id4-22"], ["reservation"]],
    ["holding the car", "Jeg holder av bilen til deg til fredag.", ["id4-22"], ["reservation"]],
    ["English: hold it", "We'll hold the car for you until Saturday.", ["id4-22"], ["reservation"]],
    ["English: on hold", "The car is on hold for you.", ["id4-22"], ["reservation"]],
    ["keeping it until Saturday", "Vi kan holde den til du kommer på lørdag.", ["id4-22"], ["reservation"]],

    // Delivery promises.
    ["delivered tomorrow", "Bilen kan leveres i morgen.", ["id4-22"], ["delivery"]],
    ["delivered to the door", "Vi leverer den på døra innen fredag.", ["id4-22"], ["delivery"]],
    ["English: delivered by", "It can be delivered by Friday.", ["id4-22"], ["delivery"]],
    ["English: ready for pickup", "The car will be ready for pickup on Monday.", ["id4-22"], ["delivery"]],
    ["English: ready by Friday", "We can have it ready for you by Friday.", ["id4-22"], ["delivery"]],

    // Stock claims.
    ["a sold car as available", "Volkswagen ID.4 fra 2021 er fortsatt ledig.", ["id4-21"], ["stock_claim"]],
    ["a reserved car as available", "Tesla Model Y er tilgjengelig.", ["my-23"], ["stock_claim"]],
    ["an unknown car in stock", "Toyota RAV4 er på lager hos oss.", [], ["stock_claim"]],
    [
      "English: a sold car available",
      "Good news: the ID.4 from 2021 is still available!",
      ["id4-21"],
      ["stock_claim"],
    ],
    ["a made-up vehicle id", "Takk for henvendelsen.", ["bogus-id"], ["stock_claim"]],
    ["availability with no cited car", "Bilen er ledig.", [], ["stock_claim"]],
    ["a model the inventory lacks", "Audi A6 er på lager.", ["etron-21"], ["stock_claim"]],

    // Links.
    ["a short link", "Les mer på https://bit.ly/abc123", [], ["links"]],
    ["a booking site", "Book a time here: www.calendly.com/fjordbil", [], ["links"]],
    ["an uncited car's listing", "Se https://fjordbil.example/biler/id4-21", ["id4-22"], ["links"]],

    // Length.
    ["too many sentences", LONG, [], ["length"]],
    ["too many characters", `${"Lang tekst uten punktum ".repeat(60)}.`, [], ["length"]],
  ])("%s", (_name, main, cited, expected) => {
    const verdict = checkReply(draft(main, cited), ctx);
    expect([...new Set(verdict.violations.map((v) => v.rule))].sort()).toEqual([...expected].sort());
    expect(verdict.ok).toBe(expected.length === 0);
  });

  it("flags a reply without the AI disclosure", () => {
    const reply = {
      subject: "Hei",
      body: "Hei Kari!\n\nTakk for henvendelsen.",
      citedVehicleIds: [],
      intent: "general" as const,
    };
    expect(checkReply(reply, ctx).violations).toEqual([
      { rule: "disclosure", detail: "the AI disclosure line is missing" },
    ]);
  });

  it("checks the subject too", () => {
    const reply = { ...draft("Takk for henvendelsen."), subject: "Kampanje: 20 % rabatt på ID.4!" };
    expect(checkReply(reply, ctx).violations.map((v) => v.rule)).toContain("discount");
  });

  it("ignores what the dealership wrote in its own signature", () => {
    const signature =
      "Fjordbil AS | Org.nr. 912 345 678 | www.fjordbil-bruktbil.no\nFinansiering fra 4,9 % rente";
    const signed = replyContext({ ...ctx, dealership: { signature } });
    const body = `Hei Kari!\n\nTakk for henvendelsen.\n\n${signature}`;
    const reply = withDisclosure({ subject: "Takk", body, citedVehicleIds: [], intent: "general" }, signed);
    expect(checkReply(reply, signed)).toEqual({ ok: true, violations: [] });
  });

  it("explains each violation", () => {
    const { violations } = checkReply(draft("Prisen er 379 000 kr, og vi gir deg 10 % rabatt."), ctx);
    expect(violations).toContainEqual({
      rule: "money",
      detail: "379 000 kr is not the listed price of a cited available car",
    });
    expect(violations.find((v) => v.rule === "discount")?.detail).toContain("rabatt");
  });
});

describe("withDisclosure / aiDisclosureLine", () => {
  it("appends the Norwegian disclosure once, as the last paragraph", () => {
    const once = draft("Takk for henvendelsen.");
    const twice = withDisclosure(once, ctx);
    expect(twice.body).toBe(once.body);
    expect(once.body.endsWith(`\n\n${aiDisclosureLine("Fjordbil AS")}`)).toBe(true);
    expect(aiDisclosureLine("Fjordbil AS")).toBe(
      "Dette svaret er skrevet automatisk av Norvalt, en AI-assistent for Fjordbil AS. En selger følger opp personlig.",
    );
  });
});
