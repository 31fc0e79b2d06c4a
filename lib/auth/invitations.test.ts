import { describe, expect, it } from "vitest";
import { canInviteRole } from "./invitations.ts";

describe("canInviteRole", () => {
  it.each([
    ["admin", "admin", true],
    ["admin", "manager", true],
    ["admin", "sales_rep", true],
    ["manager", "admin", false],
    ["manager", "manager", true],
    ["manager", "sales_rep", true],
    ["sales_rep", "sales_rep", false],
  ] as const)("%s inviting %s → %s", (inviter, role, allowed) =>
    expect(canInviteRole(inviter, role)).toBe(allowed),
  );
});
