import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assertAppRoleRespectsRls, RlsBypassError } from "./assert-app-role.ts";

// The real role check runs against Postgres in tests/integration/tenant-isolation.test.ts; here the pool only
// answers the one catalogue query, to exercise the superuser / BYPASSRLS branches we cannot create as the owner.
type Role = { rolsuper: boolean; rolbypassrls: boolean; inherits_system?: boolean; owns_tables?: boolean };
const poolAnswering = (role: Role) =>
  ({
    query: async () => ({
      rows: [{ rolname: "norvalt_app", inherits_system: false, owns_tables: false, ...role }],
    }),
  }) as unknown as pg.Pool;

afterEach(() => vi.restoreAllMocks());

describe("assertAppRoleRespectsRls", () => {
  it("accepts a plain role silently", async () => {
    const warn = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await assertAppRoleRespectsRls(poolAnswering({ rolsuper: false, rolbypassrls: false }), "production");
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [{ rolsuper: true, rolbypassrls: false }, "is a superuser"],
    [{ rolsuper: false, rolbypassrls: true }, "has BYPASSRLS"],
    [{ rolsuper: false, rolbypassrls: false, inherits_system: true }, "inherits norvalt_system"],
    [{ rolsuper: false, rolbypassrls: false, owns_tables: true }, "owns the tables"],
  ])("refuses %o in production", async (role, reason) => {
    await expect(assertAppRoleRespectsRls(poolAnswering(role), "production")).rejects.toThrow(RlsBypassError);
    await expect(assertAppRoleRespectsRls(poolAnswering(role), "production")).rejects.toThrow(reason);
  });

  it("warns loudly in development", async () => {
    const warn = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await assertAppRoleRespectsRls(poolAnswering({ rolsuper: true, rolbypassrls: true }), "development");
    // The one logger (lib/log) writes the warning to stdout.
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/WARNING.*row-level security would not isolate dealerships/s),
    );
  });
});
