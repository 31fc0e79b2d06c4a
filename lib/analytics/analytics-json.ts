import type { Spread } from "./percentiles.ts";
import type { AnalyticsSummary } from "./get-analytics-summary.ts";
import type { FollowUpStepEffect } from "./select-follow-up-effect.ts";
import type { PeriodFigures, Within, HoursSplit } from "./select-period-figures.ts";

/*
 * The public shape of GET /api/analytics/summary (snake_case, explicit: a new internal field never leaks).
 *
 *   time_zone                          the dealership's IANA zone; from/to are calendar days in it, inclusive
 *   current, previous                  the same period object for the range and for as many days just before it
 *   period.from / period.to            YYYY-MM-DD
 *   period.leads.total                 leads received (spam and test leads left out, as in the inbox)
 *   period.leads.per_day[]             { day, count } for every day of the period, zero days included
 *   period.leads.by_source / by_status counts per source / per current status, every key present
 *   period.speed.*                     seconds, measured from the lead's arrival. { count, p50, p90 } (nulls when
 *                                      count = 0; percentiles interpolate like Postgres percentile_cont)
 *     ai_first_reply                   the AI's first outbound message that was sent
 *     human_first_contact              a person's first outbound message (see lib/analytics/human-contact.ts;
 *                                      logged calls join it when call logging exists)
 *     answered_within.{ai,human,any}   share (0–1) of ALL leads of the period answered within 5 min / 1 h / 24 h
 *     business_hours.{inside,outside}  leads received inside/outside opening hours, with ai and human spreads
 *     email.transport                  e-mail leads: the e-mail's Date header → we received it
 *     email.processing                 e-mail leads: we received it → first reply (AI or person)
 *   period.funnel[]                    { stage: new|contacted|qualified|won, leads reaching it (now or by status
 *                                      history), conversion from the stage before (0–1, null for new) }
 *   period.lost_reasons[]              top 10 { reason (null: none given), count } of leads now lost
 *   period.vehicles[] / models[]       top 10 leads per linked stock car / per make+model (or the text asked for)
 *   period.ai.messages                 outbound messages to the period's leads by the AI and by people, ai_share
 *   period.ai.drafts                   AI drafts approved unchanged, edited then approved, discarded
 *   period.ai.guardrail_replacements   Claude drafts replaced by the built-in reply because they broke a guardrail
 *   period.ai.llm[]                    model calls made in the period, per model: calls and token sums
 *   period.reps[]                      per member (a sales rep gets only their own row): assigned, won,
 *                                      human_first_contact spread, calls_logged (in the period) and
 *                                      open_tasks_overdue (now)
 *   follow_up_effect[]                 per follow-up step: { step, sent (in the current range), replied (the customer
 *                                      wrote after it and before the next step went out), reply_rate (0–1, null) }
 *   previous_follow_up_effect[]        the same for the previous period
 */
export function toAnalyticsJson(summary: AnalyticsSummary) {
  return {
    time_zone: summary.timeZone,
    current: periodJson(summary.current),
    previous: periodJson(summary.previous),
    follow_up_effect: summary.followUpEffect.map(effectJson),
    previous_follow_up_effect: summary.previousFollowUpEffect.map(effectJson),
  };
}

const effectJson = (e: FollowUpStepEffect) => ({
  step: e.step,
  sent: e.sent,
  replied: e.replied,
  reply_rate: e.replyRate,
});

const spread = (s: Spread) => ({ count: s.count, p50: s.p50, p90: s.p90 });
const within = (w: Within) => ({ within_5m: w.m5, within_1h: w.h1, within_24h: w.h24 });
const split = (s: HoursSplit) => ({ leads: s.leads, ai: spread(s.ai), human: spread(s.human) });

function periodJson(p: PeriodFigures) {
  return {
    from: p.range.from,
    to: p.range.to,
    leads: {
      total: p.leads.total,
      per_day: p.leads.perDay,
      by_source: p.leads.bySource,
      by_status: p.leads.byStatus,
    },
    speed: {
      ai_first_reply: spread(p.speed.aiFirstReply),
      human_first_contact: spread(p.speed.humanFirstContact),
      answered_within: {
        ai: within(p.speed.answeredWithin.ai),
        human: within(p.speed.answeredWithin.human),
        any: within(p.speed.answeredWithin.any),
      },
      business_hours: {
        inside: split(p.speed.businessHours.inside),
        outside: split(p.speed.businessHours.outside),
      },
      email: {
        leads: p.speed.email.leads,
        transport: spread(p.speed.email.transport),
        processing: spread(p.speed.email.processing),
      },
    },
    funnel: p.funnel,
    lost_reasons: p.lostReasons,
    vehicles: p.vehicles.map((v) => ({ vehicle_id: v.vehicleId, label: v.label, count: v.count })),
    models: p.models,
    ai: {
      messages: { ai: p.ai.messages.ai, human: p.ai.messages.human, ai_share: p.ai.messages.aiShare },
      drafts: p.ai.drafts,
      guardrail_replacements: p.ai.guardrailReplacements,
      llm: p.ai.llm.map((m) => ({
        model: m.model,
        calls: m.calls,
        input_tokens: m.inputTokens,
        output_tokens: m.outputTokens,
        cache_read_tokens: m.cacheReadTokens,
        cache_creation_tokens: m.cacheCreationTokens,
      })),
    },
    reps: p.reps.map((r) => ({
      user_id: r.userId,
      name: r.name,
      role: r.role,
      assigned: r.assigned,
      human_first_contact: spread(r.humanFirstContact),
      calls_logged: r.callsLogged,
      won: r.won,
      open_tasks_overdue: r.openTasksOverdue,
    })),
  };
}
