import { describe, expect, it } from "vitest";
import { inboxHref } from "./inbox-href.ts";
import { parseInboxParams } from "./parse-inbox-params.ts";

const context = {
  userId: "11111111-1111-4111-8111-111111111111",
  timeZone: "Europe/Oslo",
  now: new Date("2026-03-10T10:00:00Z"),
};

describe("parseInboxParams", () => {
  it("turns the URL into the query's filter: presets and custom days in the dealership's zone, 'to' inclusive", () => {
    const week = parseInboxParams({ range: "7d", status: "new", assigned: "me", page: "3" }, context);
    expect(week.filter).toMatchObject({
      status: "new",
      assignedTo: context.userId,
      from: new Date("2026-03-03T23:00:00Z"),
      to: new Date("2026-03-10T23:00:00Z"),
      limit: 25,
      offset: 50,
    });
    const custom = parseInboxParams({ range: "custom", from: "2026-01-01", to: "2026-01-31" }, context);
    expect(custom.filter.from).toEqual(new Date("2025-12-31T23:00:00Z"));
    expect(custom.filter.to).toEqual(new Date("2026-01-31T23:00:00Z"));
    expect(parseInboxParams({ assigned: "unassigned" }, context).filter.unassigned).toBe(true);
  });

  it("drops bad values instead of failing the page", () => {
    const { params, filter } = parseInboxParams(
      { status: "sold", source: "fax", page: "-4", from: "x", q: "   " },
      context,
    );
    expect(params).toMatchObject({ status: undefined, source: undefined, page: 1, q: undefined });
    expect(filter.offset).toBe(0);
  });
});

describe("inboxHref", () => {
  it("keeps the other filters, resets the page on a filter change, drops dates without a custom range", () => {
    const params = { status: "new" as const, q: "hansen", page: 3 };
    expect(inboxHref(params, { source: "facebook" })).toBe("/leads?status=new&source=facebook&q=hansen");
    expect(inboxHref(params, { page: 4 })).toBe("/leads?status=new&q=hansen&page=4");
    expect(inboxHref({ page: 1, range: "7d", from: "2026-01-01" })).toBe("/leads?range=7d");
    expect(inboxHref({ page: 2 }, { status: undefined })).toBe("/leads");
  });
});

describe("parseInboxParams: views", () => {
  it("opens a rep's bare inbox on 'mine', keeps any explicit view, and takes a colleague's id as the assignee", () => {
    expect(parseInboxParams({}, { ...context, role: "sales_rep" }).filter.view).toBe("mine");
    expect(parseInboxParams({}, { ...context, role: "manager" }).filter.view).toBeUndefined();
    expect(parseInboxParams({ view: "all" }, { ...context, role: "sales_rep" }).filter.view).toBe("all");
    expect(
      parseInboxParams({ status: "new" }, { ...context, role: "sales_rep" }).filter.view,
    ).toBeUndefined();
    const colleague = "22222222-2222-4222-8222-222222222222";
    expect(parseInboxParams({ assigned: colleague }, context).filter.assignedTo).toBe(colleague);
    expect(parseInboxParams({ assigned: "nobody" }, context).filter.assignedTo).toBeUndefined();
    expect(inboxHref({ view: "waiting", page: 1 }, { status: "new" })).toBe("/leads?view=waiting&status=new");
  });
});
