import { sql } from "drizzle-orm";
import { addDays, startOfZonedDay } from "../dates/time-zone.ts";
import type { TenantTx } from "../db/tenant.ts";
import type { DayRange } from "./analytics-range.ts";

export type FollowUpStepEffect = { step: number; sent: number; replied: number; replyRate: number | null };

/**
 * Follow-up effect (issue 21 × issue 19): per step, the follow-ups sent in the range (the dealership's calendar
 * days) and how many the customer answered — a message from the customer (any channel) after that follow-up went
 * out and before the lead's next follow-up went out. One pass over the dealership's sent follow-ups in the range.
 */
export async function selectFollowUpEffect(
  tx: TenantTx,
  { range, timeZone }: { range: DayRange; timeZone: string },
): Promise<FollowUpStepEffect[]> {
  const start = startOfZonedDay(range.from, timeZone).toISOString();
  const end = startOfZonedDay(addDays(range.to, 1), timeZone).toISOString();
  const { rows } = await tx.execute<{ step: number; sent: number; replied: number }>(sql`
    select f.step, count(*)::int as sent,
           count(*) filter (where exists (
             select 1 from conversations c
              where c.lead_id = f.lead_id and c.dealership_id = f.dealership_id and c.direction = 'inbound'
                and c.created_at > f.sent_at
                and c.created_at < coalesce((select min(n.sent_at) from follow_ups n
                                              where n.lead_id = f.lead_id and n.dealership_id = f.dealership_id
                                                and n.kind = 'message' and n.sent_at > f.sent_at), 'infinity')
           ))::int as replied
      from follow_ups f
     where f.dealership_id = ${tx.dealershipId} and f.kind = 'message' and f.status = 'sent'
       and f.sent_at >= ${start}::timestamptz and f.sent_at < ${end}::timestamptz
     group by f.step order by f.step`);
  return rows.map((r) => ({ ...r, replyRate: r.sent ? r.replied / r.sent : null }));
}
