import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { GraphLead } from "../integrations/meta-graph/meta-graph.ts";
import { mapFacebookLead } from "./map-facebook-lead.ts";

const FIXTURES = new URL("../../tests/fixtures/meta-leadgen/", import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8"));
const page = { pageId: "1001", name: "Fjordbil AS" };
const lead = (field_data: GraphLead["field_data"], extra: Partial<GraphLead> = {}): GraphLead => ({
  id: "555",
  created_time: "2026-07-09T04:27:11+0000",
  field_data,
  ...extra,
});
const field = (name: string, value: string) => ({ name, values: [value] });

describe("mapFacebookLead", () => {
  it("maps the PRD's standard fields, keeps the raw field data and ids, and sets the source", () => {
    const mapped = mapFacebookLead(
      lead(
        [
          field("full_name", "Ola Nordmann"),
          field("email", "Ola@Example.no"),
          field("phone_number", "+4791234567"),
          field("vehicle_interest", "Tesla Model 3"),
        ],
        { form_id: "3003", ad_id: "4004", campaign_id: "5005", is_organic: false },
      ),
      page,
    );
    expect(mapped.isTest).toBe(false);
    expect(mapped.missingFields).toEqual([]);
    expect(mapped.input).toMatchObject({
      source: "facebook",
      name: "Ola Nordmann",
      email: "Ola@Example.no",
      phone: "+4791234567",
      vehicleInterest: "Tesla Model 3",
      externalId: "555",
      isTest: false,
      metadata: {
        facebook: {
          leadgenId: "555",
          pageId: "1001",
          pageName: "Fjordbil AS",
          formId: "3003",
          adId: "4004",
          campaignId: "5005",
          isOrganic: false,
          fieldData: expect.arrayContaining([{ name: "full_name", values: ["Ola Nordmann"] }]),
        },
      },
    });
    expect(mapped.input.message).toBeUndefined();
  });

  it.each([
    ["which_car", "VW ID.4"],
    ["vehicle", "Toyota RAV4"],
  ])("reads the car of interest from %s", (name, value) => {
    expect(
      mapFacebookLead(lead([field("email", "a@b.no"), field(name, value)]), page).input.vehicleInterest,
    ).toBe(value);
  });

  it("turns custom questions into the message and leaves tracking parameters out", () => {
    const mapped = mapFacebookLead(
      lead([
        field("first_name", "Kari"),
        field("last_name", "Nordmann"),
        field("email", "kari@example.no"),
        field("når_vil_du_prøvekjøre?", "Lørdag formiddag"),
        { name: "har_du_innbytte?", values: ["Ja", "Golf 2015"] },
        field("utm_source", "meta-leadform"),
      ]),
      page,
    );
    expect(mapped.input.name).toBe("Kari Nordmann");
    expect(mapped.input.message).toBe(
      "Når vil du prøvekjøre?: Lørdag formiddag\nHar du innbytte?: Ja, Golf 2015",
    );
    expect(mapped.missingFields).toEqual(["phone_number"]);
  });

  it("recognises Meta's test lead (fixture) and keeps its placeholders out of the contact fields", () => {
    const [testLead] = fixture("graph-2026-form-leads-edge-test-lead.json").data as GraphLead[];
    const mapped = mapFacebookLead(testLead!, page);
    expect(mapped.isTest).toBe(true);
    expect(mapped.input).toMatchObject({
      isTest: true,
      email: "test@meta.com",
      externalId: "867443526079678",
    });
    expect(mapped.input.name).toBeUndefined();
    expect(mapped.input.phone).toBeUndefined();
    expect(mapped.input.message).toBeUndefined();
  });

  it.each(["test@fb.com", "TEST@meta.com"])(
    "treats %s as a test lead even with real-looking answers",
    (email) => {
      const mapped = mapFacebookLead(lead([field("full_name", "Per Test"), field("email", email)]), page);
      expect(mapped.isTest).toBe(true);
    },
  );

  it("maps a lead without field data to nothing but its ids (the caller refuses it)", () => {
    const mapped = mapFacebookLead({ id: "777" }, page);
    expect(mapped.input).toMatchObject({
      externalId: "777",
      name: undefined,
      email: undefined,
      phone: undefined,
    });
    expect(mapped.missingFields).toEqual(["full_name", "email", "phone_number"]);
  });

  it("drops an e-mail answer that is no address (free text in a custom e-mail question)", () => {
    const mapped = mapFacebookLead(
      lead([field("email", "ring meg heller"), field("phone_number", "912 34 567")]),
      page,
    );
    expect(mapped.input.email).toBeUndefined();
    expect(mapped.input.phone).toBe("912 34 567");
  });

  it("maps ticked consent checkboxes (custom disclaimer) to marketing consent with what was agreed to", () => {
    const ticked = mapFacebookLead(
      lead([field("email", "kari@example.no")], {
        form_id: "555",
        custom_disclaimer_responses: [
          { checkbox_key: "nyhetsbrev", is_checked: "1" },
          { checkbox_key: "sms_tilbud", is_checked: "" },
        ],
      }),
      page,
    );
    expect(ticked.input).toMatchObject({
      consentMarketing: true,
      consentText: "Meta Lead Ads: nyhetsbrev",
      consentVersion: "facebook-form:555",
    });
    const unticked = mapFacebookLead(
      lead([field("email", "kari@example.no")], {
        custom_disclaimer_responses: [{ checkbox_key: "x", is_checked: "" }],
      }),
      page,
    );
    expect(unticked.input.consentMarketing).toBeUndefined();
  });
});
