import { sql } from "drizzle-orm";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

// A lead "asked about" a car when it is linked to it (leads.vehicle_id) or an AI reply to it cited the car
// (conversations.metadata.citedVehicleIds, written by the responder).
const interestPairs = (dealershipId: string) => sql`
  select l.id as lead_id, l.vehicle_id as vehicle_id from leads l
   where l.dealership_id = ${dealershipId} and l.vehicle_id is not null
  union
  select c.lead_id, cited.id::uuid from conversations c
   cross join lateral jsonb_array_elements_text(c.metadata -> 'citedVehicleIds') as cited(id)
   where c.dealership_id = ${dealershipId} and jsonb_typeof(c.metadata -> 'citedVehicleIds') = 'array'
     and cited.id ~* '^[0-9a-f-]{36}$'`;

/** How many leads asked about each car (the "3 leads" link on the Biler page). */
export async function countInterestedLeads(tx: TenantTx, vehicleIds: string[]): Promise<Map<string, number>> {
  if (vehicleIds.length === 0) return new Map();
  const rows = await tx.execute<{ vehicle_id: string; n: number }>(sql`
    select p.vehicle_id, count(distinct p.lead_id)::int as n from (${interestPairs(tx.dealershipId)}) p
     where p.vehicle_id in (${sql.join(
       vehicleIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
     group by p.vehicle_id`);
  return new Map(rows.rows.map((r) => [r.vehicle_id, r.n]));
}

export type InterestedLead = { id: string; customer_name: string | null; status: string; created_at: Date };

/** The leads that asked about one car, newest first (the car's page). */
export function findInterestedLeads(tenant: Tenant, vehicleId: string): Promise<InterestedLead[]> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const rows = await tx.execute<InterestedLead>(sql`
      select l.id, l.customer_name, l.status, l.created_at from leads l
       where l.dealership_id = ${tx.dealershipId}
         and l.id in (select p.lead_id from (${interestPairs(tx.dealershipId)}) p where p.vehicle_id = ${vehicleId}::uuid)
       order by l.created_at desc limit 200`);
    return rows.rows;
  });
}

export type WithdrawnVehicle = {
  leadId: string;
  vehicleId: string;
  status: "reserved" | "sold";
  name: string;
};

/**
 * For open leads (not won or lost): the cars they asked about that are now sold or reserved. The lead page and
 * the inbox show "bilen er solgt" from this.
 */
export async function findWithdrawnVehiclesOfLeads(
  tx: TenantTx,
  leadIds: string[],
): Promise<WithdrawnVehicle[]> {
  if (leadIds.length === 0) return [];
  const rows = await tx.execute<{
    lead_id: string;
    vehicle_id: string;
    status: "reserved" | "sold";
    name: string;
  }>(sql`
    select distinct p.lead_id, v.id as vehicle_id, v.status, concat_ws(' ', v.make, v.model) as name
      from (${interestPairs(tx.dealershipId)}) p
      join vehicles v on v.id = p.vehicle_id and v.dealership_id = ${tx.dealershipId}
      join leads l on l.id = p.lead_id and l.status not in ('won', 'lost')
     where p.lead_id in (${sql.join(
       leadIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
       and v.status in ('sold', 'reserved')`);
  return rows.rows.map((r) => ({
    leadId: r.lead_id,
    vehicleId: r.vehicle_id,
    status: r.status,
    name: r.name,
  }));
}

/** The same for one lead, in its own transaction (the lead page). */
export function getWithdrawnVehiclesOfLead(tenant: Tenant, leadId: string): Promise<WithdrawnVehicle[]> {
  return withTenant(tenant.dealershipId, (tx) => findWithdrawnVehiclesOfLeads(tx, [leadId]));
}

/** Lead id → "sold" or "reserved" when a car the open lead asked about is no longer available (the inbox). */
export function getWithdrawnVehicleFlags(
  tenant: Tenant,
  leadIds: string[],
): Promise<Map<string, "sold" | "reserved">> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const flags = new Map<string, "sold" | "reserved">();
    for (const w of await findWithdrawnVehiclesOfLeads(tx, leadIds))
      if (flags.get(w.leadId) !== "sold") flags.set(w.leadId, w.status);
    return flags;
  });
}
