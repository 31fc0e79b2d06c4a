import { getTranslations } from "next-intl/server";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { NextActionBadge } from "@/components/leads/next-action-badge";
import { Badge } from "@/components/ui/badge";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { aiSilenceOf } from "@/lib/leads/next-action";
import { nextActionDescriber } from "../describe-next-action";
import { AiControl } from "./ai-control";
import { DeleteLeadButton } from "./delete-lead-button";
import { PrimaryAction } from "./lead-actions";

/** Who owns the lead, what to do next and by when, why the AI stayed quiet, and the one action that fits. */
export async function LeadHeader({
  detail,
  canDelete,
  followUpDueAt = null,
  now = new Date(),
}: {
  detail: LeadDetail;
  canDelete: boolean;
  /** The next automatic follow-up (issue 19): "Oppfølging planlagt". */
  followUpDueAt?: Date | null;
  now?: Date;
}) {
  const t = await getTranslations();
  const { lead } = detail;
  const aiMessages = detail.conversations.filter((m) => m.senderType === "ai");
  const lastAiStatus = aiMessages.at(-1)?.deliveryStatus ?? null;
  const firstTask = detail.openTasks[0];
  const next = (await nextActionDescriber(detail.timeZone, now))({
    ...lead,
    hasPhone: lead.phoneNormalized !== null,
    taskKind: firstTask?.kind ?? null,
    taskDueAt: firstTask?.dueAt ?? null,
    followUpDueAt,
  });
  const silence = aiSilenceOf({
    ...lead,
    unsubscribed: lead.unsubscribedAt !== null,
    duplicate: lead.duplicateOfLeadId !== null,
    lastAiStatus,
    skippedReason: detail.aiSkippedReason,
  });
  const draftWaiting = lastAiStatus === "draft";
  const primary = draftWaiting ? "approve" : next.kind === "call" && lead.phoneNormalized ? "call" : "reply";
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="lead-name">
            {lead.customerName ?? lead.customerEmail ?? lead.customerPhone}
          </h1>
          <div className="mt-2 flex flex-wrap gap-2">
            <LeadStatusBadge status={lead.status} label={t(`status.${lead.status}`)} />
            {lead.aiPaused ? (
              <Badge variant="warning" data-testid="ai-paused-badge">
                {t("leadDetail.aiPaused")}
              </Badge>
            ) : null}
            {lead.needsReview ? <Badge variant="destructive">{t("leadDetail.needsReview")}</Badge> : null}
            {lead.isSpam ? <Badge variant="destructive">{t("leadDetail.spam")}</Badge> : null}
            {lead.isTest ? <Badge variant="outline">{t("inbox.test")}</Badge> : null}
            {lead.submissionCount > 1 ? (
              <Badge variant="secondary">{t("inbox.duplicate", { count: lead.submissionCount })}</Badge>
            ) : null}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <PrimaryAction kind={primary} phone={lead.phoneNormalized} />
          <AiControl leadId={lead.id} paused={lead.aiPaused} />
          {canDelete ? <DeleteLeadButton leadId={lead.id} /> : null}
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:flex sm:flex-wrap" data-testid="lead-next-step">
        <div className="flex flex-wrap items-center gap-2">
          <dt className="text-muted-foreground">{t("nextAction.label")}</dt>
          <dd>
            <NextActionBadge action={next} overdueLabel={t("nextAction.overdue")} />
          </dd>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <dt className="text-muted-foreground">{t("nextAction.owner")}</dt>
          <dd className="font-medium" data-testid="lead-owner">
            {detail.assignedToName ?? t("nextAction.noOwner")}
          </dd>
        </div>
      </dl>
      {silence ? (
        <p className="text-muted-foreground text-sm" data-testid="ai-silence">
          {t(`nextAction.why.${silence}`)}
        </p>
      ) : null}
    </div>
  );
}
