import { sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "../db/tenant.ts";

/*
 * THE definition of "a person followed the lead up", used by every analytics figure (speed-to-lead, per-rep
 * first-contact time, the API). Change it here and the page, the API and the CSV change together.
 *
 * Today it counts the first outbound message a person sent (conversations.sender_type = 'human': a manual
 * reply, or an AI draft a person edited before approving) that was not withdrawn or refused.
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
      -- LOGGED CALLS GO HERE (issue 18, the inbox branch's call log), at merge:
      --   union all
      --   select lc.called_at from calls lc
      --    where lc.lead_id = <the lead> and lc.dealership_id = <the dealership>
    ) human_contact)`;
}

export type RepFollowUpCounts = {
  /** Calls the rep logged on leads received in the range; null while call logging does not exist. */
  callsLogged: number | null;
  /** The rep's open tasks whose due time has passed (now, not range-bound); null while tasks do not exist. */
  openTasksOverdue: number | null;
};

/**
 * Per rep: calls logged and overdue open tasks. NOT WIRED YET: the call log and tasks are being built on the
 * inbox branch (issue 18). At merge, replace the body with one grouped query over those tables, e.g.
 *   select user_id, count(*) filter (where <call on a lead in the range>) as calls_logged,
 *          count(*) filter (where done_at is null and due_at < now()) as open_tasks_overdue …
 *   where dealership_id = tx.dealershipId and user_id = any(userIds) group by user_id
 * and add the call to humanFirstContactAtSql above.
 */
export async function selectRepFollowUpCounts(
  _tx: TenantTx,
  input: { userIds: string[]; start: Date; end: Date },
): Promise<Map<string, RepFollowUpCounts>> {
  return new Map(input.userIds.map((id) => [id, { callsLogged: null, openTasksOverdue: null }]));
}
