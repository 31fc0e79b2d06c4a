import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { LeadFollowUp } from "@/lib/follow-ups/find-lead-follow-ups";
import { FollowUpButtons, FollowUpSwitch } from "./follow-up-controls";

const OPEN = new Set(["scheduled", "queued", "drafting", "sending", "awaiting_approval"]);

/** The lead's automatic follow-ups: when and how each goes, what became of it, "Ingen oppfølging", skip / send now. */
export async function FollowUpsCard({
  leadId,
  off,
  followUps,
}: {
  leadId: string;
  off: boolean;
  followUps: LeadFollowUp[];
}) {
  const t = await getTranslations("followUps");
  const format = await getFormatter();
  const messages = followUps.filter((f) => f.kind === "message");
  const closing = followUps.find((f) => f.kind === "close" && OPEN.has(f.status));
  return (
    <Card data-testid="follow-ups-card">
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <FollowUpSwitch leadId={leadId} off={off} />
        {messages.length === 0 ? (
          <p className="text-muted-foreground text-sm">{off ? t("offNone") : t("none")}</p>
        ) : (
          <ul className="space-y-3" data-testid="follow-up-list">
            {messages.map((f) => (
              <li key={f.id} className="space-y-1 text-sm" data-status={f.status}>
                <p className="font-medium">
                  {t("step", { step: f.step })} · {t(`channel.${f.channel}`)} ·{" "}
                  <time dateTime={(f.sentAt ?? f.dueAt).toISOString()}>
                    {format.dateTime(f.sentAt ?? f.dueAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </p>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge
                    variant={OPEN.has(f.status) ? "secondary" : "outline"}
                    data-testid="follow-up-status"
                  >
                    {t(`status.${f.status}`)}
                  </Badge>
                  {f.stopReason && f.status !== "skipped" ? (
                    <span className="text-muted-foreground">{t(`reason.${reasonKey(f.stopReason)}`)}</span>
                  ) : null}
                </div>
                {f.status === "scheduled" || f.status === "queued" ? (
                  <FollowUpButtons followUpId={f.id} canSendNow={f.status === "scheduled"} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {closing ? (
          <p className="text-muted-foreground text-sm">
            {t("closesAt", { when: format.dateTime(closing.dueAt, { dateStyle: "medium" }) })}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

const REASONS = new Set([
  "customer_replied",
  "send_failed",
  "manual_message",
  "call_logged",
  "status_changed",
  "ai_paused",
  "merged",
  "suppressed",
  "ai_off",
  "switched_off",
  "rule_off",
  "cap_reached",
  "not_approved",
]);
function reasonKey(reason: string): string {
  return REASONS.has(reason) ? reason : "other";
}
