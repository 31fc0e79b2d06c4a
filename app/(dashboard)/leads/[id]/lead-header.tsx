import { getTranslations } from "next-intl/server";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { Badge } from "@/components/ui/badge";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { AiControl } from "./ai-control";
import { DeleteLeadButton } from "./delete-lead-button";

export async function LeadHeader({ detail, canDelete }: { detail: LeadDetail; canDelete: boolean }) {
  const t = await getTranslations();
  const { lead } = detail;
  return (
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
        <AiControl leadId={lead.id} paused={lead.aiPaused} />
        {canDelete ? <DeleteLeadButton leadId={lead.id} /> : null}
      </div>
    </div>
  );
}
