import { sql } from "drizzle-orm";
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from "../../db/schema/enums.ts";
import type { HoursConfig } from "../business-hours/opening-hours.ts";
import { addDays, startOfZonedDay } from "../dates/time-zone.ts";
import type { TenantTx } from "../db/tenant.ts";
import type { DayRange } from "./analytics-range.ts";
import { humanFirstContactAtSql, selectRepFollowUpCounts } from "./human-contact.ts";
import { shareWithin, spreadOf, type Spread } from "./percentiles.ts";
import { countBy, countPerDay, memoOpenCheck, minOf, ratio, topCounts } from "./tally-lead-rows.ts";

/*
 * Every figure of one period. The cohort is the leads *received* in the period (calendar days in the
 * dealership's zone, spam and test leads left out, as in the inbox): what happened to them — replies, status,
 * drafts — counts whenever it happened. Model usage is the exception: llm_calls made in the period (e-mail
 * classification belongs to no lead).
 */

const FUNNEL = ["new", "contacted", "qualified", "won"] as const;
const WITHIN = { m5: 300, h1: 3600, h24: 86_400 } as const;

type LeadRow = {
  id: string;
  day: string;
  minute: number;
  source: LeadSource;
  status: LeadStatus;
  assigned_to: string | null;
  vehicle_id: string | null;
  vehicle_label: string | null;
  model_label: string | null;
  ai_seconds: number | null;
  ai_messages: number;
  human_messages: number;
  approved: number;
  edited: number;
  discarded: number;
  guardrails: number;
  human_seconds: number | null;
  reached: string[] | null;
  lost_reason: string | null;
  email_date: string | null;
  email_received_ms: number | null;
  created_ms: number;
};

export type Within = { m5: number | null; h1: number | null; h24: number | null };
export type HoursSplit = { leads: number; ai: Spread; human: Spread };
export type RepFigures = {
  userId: string;
  name: string;
  role: string;
  assigned: number;
  humanFirstContact: Spread;
  callsLogged: number | null;
  won: number;
  openTasksOverdue: number | null;
};
export type PeriodFigures = Awaited<ReturnType<typeof selectPeriodFigures>>;

export async function selectPeriodFigures(
  tx: TenantTx,
  input: { range: DayRange; hours: HoursConfig; onlyUserId?: string },
) {
  const { dealershipId } = tx;
  const { range, hours } = input;
  const tz = hours.timeZone;
  const start = startOfZonedDay(range.from, tz);
  const end = startOfZonedDay(addDays(range.to, 1), tz);
  const startSql = sql`${start.toISOString()}::timestamptz`;
  const endSql = sql`${end.toISOString()}::timestamptz`;
  const tzSql = sql`${tz}::text`;

  const { rows } = await tx.execute<LeadRow>(sql`
    with cohort as materialized (
      select l.id, l.created_at, l.source, l.status, l.assigned_to, l.vehicle_id, l.vehicle_interest
        from leads l
       where l.dealership_id = ${dealershipId} and not l.is_spam and not l.is_test
         and l.created_at >= ${startSql} and l.created_at < ${endSql}
    ), timed as (
      select c.*, msg.ai_at, msg.ai_messages, msg.human_messages, ev.approved, ev.edited, ev.discarded, ev.guardrails,
             ${humanFirstContactAtSql(sql`c.id`, dealershipId)} as human_at
        from cohort c
        -- Per lead through the (lead_id, created_at) indexes: a dealership-wide scan of the message table costs
        -- the same for a day as for a year.
        cross join lateral (
          select min(m.created_at) filter (where m.sender_type = 'ai' and m.delivery_status in ('sent', 'delivered'))
                   as ai_at,
                 count(*) filter (where m.sender_type = 'ai'
                   and coalesce(m.delivery_status, 'sent') not in ('draft', 'cancelled'))::int as ai_messages,
                 count(*) filter (where m.sender_type = 'human'
                   and coalesce(m.delivery_status, 'sent') not in ('draft', 'cancelled'))::int as human_messages
            from conversations m
           where m.lead_id = c.id and m.dealership_id = ${dealershipId} and m.direction = 'outbound') msg
        cross join lateral (
          select count(*) filter (where e.type = 'ai.draft_approved'
                   and coalesce((e.data ->> 'edited')::boolean, false) = false)::int as approved,
                 count(*) filter (where e.type = 'ai.draft_approved' and (e.data ->> 'edited')::boolean)::int as edited,
                 count(*) filter (where e.type = 'ai.draft_discarded')::int as discarded,
                 count(*) filter (where e.type = 'ai.reply_drafted' and e.data ->> 'fallbackReason' = 'guardrails')::int
                   as guardrails
            from lead_events e
           where e.lead_id = c.id and e.dealership_id = ${dealershipId}
             and e.type in ('ai.draft_approved', 'ai.draft_discarded', 'ai.reply_drafted')) ev
    )
    select t.id, t.source, t.status, t.assigned_to, t.vehicle_id, t.ai_messages, t.human_messages,
           t.approved, t.edited, t.discarded, t.guardrails,
           to_char(t.created_at at time zone ${tzSql}, 'YYYY-MM-DD') as day,
           (extract(hour from t.created_at at time zone ${tzSql}) * 60
             + extract(minute from t.created_at at time zone ${tzSql}))::int as minute,
           extract(epoch from t.created_at) * 1000 as created_ms,
           case when v.id is not null then concat_ws(' ', v.make, v.model, v.variant, v.year::text) end
             as vehicle_label,
           coalesce(nullif(concat_ws(' ', v.make, v.model), ''), nullif(btrim(t.vehicle_interest), ''))
             as model_label,
           (case when t.ai_at is not null then greatest(0, extract(epoch from t.ai_at - t.created_at)) end)::float8 as ai_seconds,
           (case when t.human_at is not null then greatest(0, extract(epoch from t.human_at - t.created_at)) end)::float8 as human_seconds,
           (select array_agg(distinct h.new_status) from lead_status_history h
             where h.lead_id = t.id and h.dealership_id = ${dealershipId}) as reached,
           case when t.status = 'lost' then
             (select nullif(btrim(h.reason), '') from lead_status_history h
               where h.lead_id = t.id and h.dealership_id = ${dealershipId} and h.new_status = 'lost'
               order by h.changed_at desc limit 1) end as lost_reason,
           e.date_header as email_date, extract(epoch from e.received_at) * 1000 as email_received_ms
      from timed t
      left join vehicles v on v.id = t.vehicle_id and v.dealership_id = ${dealershipId}
      left join lateral (
        select em.headers -> 'date' ->> 0 as date_header, em.received_at from emails em
         where t.source = 'email' and em.lead_id = t.id and em.dealership_id = ${dealershipId}
           and em.classification is distinct from 'reply'
         order by em.received_at limit 1) e on true`);
  const leadRows = rows.map((r) => ({
    ...r,
    created_ms: Number(r.created_ms),
    email_received_ms: r.email_received_ms === null ? null : Number(r.email_received_ms),
  }));

  const { rows: llmRows } = await tx.execute<{
    model: string;
    calls: number;
    input_tokens: number;
    output_tokens: number;
    cache_read_tokens: number;
    cache_creation_tokens: number;
  }>(sql`
    select model, count(*)::int as calls,
           coalesce(sum(input_tokens), 0)::int as input_tokens, coalesce(sum(output_tokens), 0)::int as output_tokens,
           coalesce(sum(cache_read_tokens), 0)::int as cache_read_tokens,
           coalesce(sum(cache_creation_tokens), 0)::int as cache_creation_tokens
      from llm_calls
     where dealership_id = ${dealershipId} and created_at >= ${startSql} and created_at < ${endSql}
     group by model order by model`);
  const assignedIds = [
    ...new Set(leadRows.map((r) => r.assigned_to).filter((id): id is string => id !== null)),
  ];
  const { rows: users } = await tx.execute<{ id: string; name: string; role: string }>(sql`
    select id, name, role from users
     where dealership_id = ${dealershipId}
       and (is_active or id = any(${`{${assignedIds.join(",")}}`}::uuid[]))
     order by name, id`);

  const total = leadRows.length;
  const ai = leadRows.map((r) => r.ai_seconds);
  const human = leadRows.map((r) => r.human_seconds);
  const any = leadRows.map((r) => minOf(r.ai_seconds, r.human_seconds));
  const within = (values: (number | null)[]): Within => ({
    m5: shareWithin(values, WITHIN.m5, total),
    h1: shareWithin(values, WITHIN.h1, total),
    h24: shareWithin(values, WITHIN.h24, total),
  });
  const openOn = memoOpenCheck(hours);
  const split = (inside: boolean): HoursSplit => {
    const part = leadRows.filter((r) => openOn(r.day, r.minute) === inside);
    return {
      leads: part.length,
      ai: spreadOf(part.map((r) => r.ai_seconds)),
      human: spreadOf(part.map((r) => r.human_seconds)),
    };
  };
  const emailLeads = leadRows.filter((r) => r.source === "email");
  const transport = emailLeads.map((r) => {
    const sent = r.email_date ? Date.parse(r.email_date) : NaN;
    return r.email_received_ms === null || Number.isNaN(sent)
      ? null
      : Math.max(0, (r.email_received_ms - sent) / 1000);
  });
  const processing = emailLeads.map((r) => {
    const first = minOf(r.ai_seconds, r.human_seconds);
    if (first === null || r.email_received_ms === null) return null;
    return Math.max(0, (r.created_ms + first * 1000 - r.email_received_ms) / 1000);
  });

  // Every lead is "new" once; a later stage counts when the lead is there now or its history says it got there.
  const reached = (stage: (typeof FUNNEL)[number]) => {
    if (stage === "new") return total;
    const later = FUNNEL.slice(FUNNEL.indexOf(stage));
    return leadRows.filter(
      (r) =>
        (later as readonly string[]).includes(r.status) ||
        (r.reached ?? []).some((s) => (later as readonly string[]).includes(s)),
    ).length;
  };
  const funnelCounts = FUNNEL.map(reached);
  const funnel = FUNNEL.map((stage, i) => ({
    stage,
    leads: funnelCounts[i]!,
    conversion: i === 0 ? null : ratio(funnelCounts[i]!, funnelCounts[i - 1]!),
  }));

  const followUps = await selectRepFollowUpCounts(tx, { userIds: users.map((u) => u.id), start, end });
  const reps: RepFigures[] = users
    .filter((u) => !input.onlyUserId || u.id === input.onlyUserId)
    .map((u) => {
      const mine = leadRows.filter((r) => r.assigned_to === u.id);
      return {
        userId: u.id,
        name: u.name,
        role: u.role,
        assigned: mine.length,
        humanFirstContact: spreadOf(mine.map((r) => r.human_seconds)),
        callsLogged: followUps.get(u.id)?.callsLogged ?? null,
        won: mine.filter((r) => r.status === "won").length,
        openTasksOverdue: followUps.get(u.id)?.openTasksOverdue ?? null,
      };
    });

  const sum = (key: "ai_messages" | "human_messages" | "approved" | "edited" | "discarded" | "guardrails") =>
    leadRows.reduce((n, r) => n + r[key], 0);
  const messages = { ai: sum("ai_messages"), human: sum("human_messages") };
  return {
    range,
    leads: {
      total,
      perDay: countPerDay(range, leadRows),
      bySource: countBy(LEAD_SOURCES, leadRows, (r) => r.source),
      byStatus: countBy(LEAD_STATUSES, leadRows, (r) => r.status),
    },
    speed: {
      aiFirstReply: spreadOf(ai),
      humanFirstContact: spreadOf(human),
      answeredWithin: { ai: within(ai), human: within(human), any: within(any) },
      businessHours: { inside: split(true), outside: split(false) },
      email: {
        leads: emailLeads.length,
        transport: spreadOf(transport),
        processing: spreadOf(processing),
      },
    },
    funnel,
    lostReasons: topCounts(
      leadRows.filter((r) => r.status === "lost"),
      (r) => r.lost_reason,
    ).map(([reason, count]) => ({ reason, count })),
    vehicles: topCounts(
      leadRows.filter((r) => r.vehicle_id),
      (r) => r.vehicle_id,
      (r) => r.vehicle_label,
    ).map(([vehicleId, count, label]) => ({ vehicleId: vehicleId!, label: label ?? "", count })),
    models: topCounts(
      leadRows.filter((r) => r.model_label),
      (r) => r.model_label!.toLowerCase(),
      (r) => r.model_label,
    ).map(([, count, label]) => ({ model: label ?? "", count })),
    ai: {
      messages: { ...messages, aiShare: ratio(messages.ai, messages.ai + messages.human) },
      drafts: { approved: sum("approved"), edited: sum("edited"), discarded: sum("discarded") },
      guardrailReplacements: sum("guardrails"),
      llm: llmRows.map((r) => ({
        model: r.model,
        calls: r.calls,
        inputTokens: r.input_tokens,
        outputTokens: r.output_tokens,
        cacheReadTokens: r.cache_read_tokens,
        cacheCreationTokens: r.cache_creation_tokens,
      })),
    },
    reps,
  };
}
