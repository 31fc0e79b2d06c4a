import type { UserRole } from "../../../db/schema/enums.ts";

/**
 * Clerk organization role → Norvalt role. Clerk keys roles as `org:<key>`; session tokens v2 carry the key
 * without the prefix and older instances use `admin`/`basic_member`. Anything unknown (including custom
 * roles) gets the least privilege.
 */
export function mapClerkRole(clerkRole: string | null | undefined): UserRole {
  switch (clerkRole?.trim().toLowerCase()) {
    case "org:admin":
    case "admin":
      return "admin";
    case "org:manager":
    case "manager":
      return "manager";
    default:
      return "sales_rep";
  }
}
