import { describe, expect, it } from "vitest";
import { toVehicleJson } from "../vehicles/vehicle-json.ts";
import { toConversationJson, toLeadJson, toLeadListItemJson } from "./lead-json.ts";

// Every field a serializer reads answers "x": what matters here is the keys the API shows.
const anyRow = <T>() => new Proxy({}, { get: () => "x" }) as T;
const keysOf = (value: object) => Object.keys(value);
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

describe("public API JSON", () => {
  it.each([
    ["lead", toLeadJson(anyRow()) as object],
    ["lead list item", toLeadListItemJson(anyRow())],
    ["conversation", toConversationJson(anyRow())],
    ["vehicle", toVehicleJson(anyRow())],
  ])("names every %s field in snake_case", (_name, json) => {
    for (const key of keysOf(json)) expect(key).toMatch(SNAKE);
  });
});
