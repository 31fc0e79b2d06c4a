import type { UserRole } from "../../db/schema/enums.ts";

/** What every request handler and server action knows about its caller, whichever auth produced it. */
export type Session = {
  userId: string;
  dealershipId: string;
  role: UserRole;
  name: string;
  email: string;
  dealershipName: string;
  /** The dealership's IANA time zone: the dashboard shows every date and time in it. */
  timeZone?: string;
  via: "builtin" | "clerk";
};

/** A machine client authenticated with an API key: acts for its dealership with no user. */
export type ApiKeyPrincipal = { apiKeyId: string; dealershipId: string; via: "api_key" };

/** Whoever calls an authenticated API route: a signed-in person or an API key. */
export type Principal = Session | ApiKeyPrincipal;
