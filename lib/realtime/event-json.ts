import type { DealershipEvent } from "./dealership-events.ts";

/** An event as GET /api/events sends it: snake_case like the rest of the API. */
export type DealershipEventJson =
  | { type: "lead.created"; count: number; leads: { id: string; name: string | null; source: string }[] }
  | { type: "lead.updated"; lead_id: string }
  | { type: "message.created" | "message.updated"; lead_ids: string[] }
  | { type: "resync" };

export function toEventJson(event: DealershipEvent): DealershipEventJson {
  switch (event.type) {
    case "lead.created":
      return {
        type: event.type,
        count: event.count,
        leads: event.leads.map((l) => ({ id: l.id, name: l.name, source: l.source })),
      };
    case "lead.updated":
      return { type: event.type, lead_id: event.leadId };
    case "message.created":
    case "message.updated":
      return { type: event.type, lead_ids: event.leadIds };
    case "resync":
      return { type: event.type };
  }
}
