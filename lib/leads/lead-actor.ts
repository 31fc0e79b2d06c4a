import type { Principal } from "../auth/session-types.ts";

/** Who changes a lead: a signed-in person, or a machine client with an API key (no user, actor type "api"). */
export type LeadActor = { dealershipId: string; userId: string | null; name: string | null };

export function leadActorOf(principal: Principal): LeadActor {
  return principal.via === "api_key"
    ? { dealershipId: principal.dealershipId, userId: null, name: null }
    : { dealershipId: principal.dealershipId, userId: principal.userId, name: principal.name };
}

export const actorTypeOf = (actor: LeadActor) => (actor.userId ? "user" : "api") as "user" | "api";
