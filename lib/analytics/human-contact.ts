import { sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "../db/tenant.ts";

/*
 * THE definition of "a person followed the lead up", used by every analytics figure (speed-to-lead, per-rep
 * first-contact time, the API). Change it here and the page, the API and the CSV change together.
 *
 * It counts the first of: an outbound message a person sent (conversations.sender_type = 'human': a manual
 * reply, or an AI draft a person edited before approving) that was not withdrawn or refused, and a call a person
 * logged (lead_events type 'call.logged', whatever its outcome — the rep tried, which is what coaching measures).
 */

/** Outbound statuses that never reached the customer: a draft, cancelled, or refused by the provider. */
const NOT_SENT = sql.raw(`'draft', 'cancelled', 'failed', 'bounced'`);

/**
 * SQL: the instant of the lead's first human contact, or null. `leadId` is the lead's id column in the caller's
 * query (e.g. sql`l.id`); the dealership is filtered explicitly besides RLS.
 */
export function humanFirstContactAtSql(leadId: SQL, dealershipId: string): SQL {
  return sql`(select min(at) from (
      select hm.created_at as at
        from conversations hm
       where hm.lead_id = ${leadId} and hm.dealership_id = ${dealershipId}
         and hm.direction = 'outbound' and hm.sender_type = 'human'
         and coalesce(hm.delivery_status, 'sent') not in (${NOT_SENT})
      union all
      select lc.created_at as at
        from lead_events lc
       where lc.lead_id = ${leadId} and lc.dealership_id = ${dealershipId} and lc.type = 'call.logged'
    ) human_contact)`;
}

export type RepFollowUpCounts = {
  /** Calls the rep logged during the range (lead_events 'call.logged' by them). */
  callsLogged: number | null;
  /** The rep's open tasks whose due time has passed (now, not range-bound). */
  openTasksOverdue: number | null;
};

/** Per rep: calls logged in the range and open tasks now overdue, two grouped queries over the given members. */
export async function selectRepFollowUpCounts(
  tx: TenantTx,
  input: { userIds: string[]; start: Date; end: Date; now?: Date },
): Promise<Map<string, RepFollowUpCounts>> {
  const counts = new Map<string, RepFollowUpCounts>(
    input.userIds.map((id) => [id, { callsLogged: 0, openTasksOverdue: 0 }]),
  );
  if (input.userIds.length === 0) return counts;
  const ids = sql.join(
    input.userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const now = (input.now ?? new Date()).toISOString();
  const calls = await tx.execute<{ user_id: string; n: number }>(sql`
    select actor_user_id as user_id, count(*)::int as n
      from lead_events
     where dealership_id = ${tx.dealershipId} and type = 'call.logged' and actor_user_id in (${ids})
       and created_at >= ${input.start.toISOString()}::timestamptz and created_at < ${input.end.toISOString()}::timestamptz
     group by actor_user_id`);
  for (const row of calls.rows) counts.get(row.user_id)!.callsLogged = row.n;
  const overdue = await tx.execute<{ user_id: string; n: number }>(sql`
    select assigned_to as user_id, count(*)::int as n
      from lead_tasks
     where dealership_id = ${tx.dealershipId} and assigned_to in (${ids})
       and done_at is null and due_at < ${now}::timestamptz
     group by assigned_to`);
  for (const row of overdue.rows) counts.get(row.user_id)!.openTasksOverdue = row.n;
  return counts;
}
