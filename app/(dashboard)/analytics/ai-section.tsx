import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { DataTable } from "./data-table";
import { formatShare } from "./format-figures";

/** Who wrote to customers, what happened to AI drafts, guardrail replacements, and model tokens. */
export async function AiSection({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  const { current: c, previous: p } = summary;
  const rows: [string, string, string][] = [
    [t("aiMessages"), format.number(c.ai.messages.ai), format.number(p.ai.messages.ai)],
    [t("humanMessages"), format.number(c.ai.messages.human), format.number(p.ai.messages.human)],
    [t("aiShare"), formatShare(format, c.ai.messages.aiShare), formatShare(format, p.ai.messages.aiShare)],
    [t("draftsApproved"), String(c.ai.drafts.approved), String(p.ai.drafts.approved)],
    [t("draftsEdited"), String(c.ai.drafts.edited), String(p.ai.drafts.edited)],
    [t("draftsDiscarded"), String(c.ai.drafts.discarded), String(p.ai.drafts.discarded)],
    [t("guardrailReplacements"), String(c.ai.guardrailReplacements), String(p.ai.guardrailReplacements)],
  ];
  return (
    <Card data-testid="ai-section">
      <CardHeader>
        <CardTitle className="text-base">{t("aiTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <DataTable head={[t("aiTitle"), t("count"), t("previousColumn")]} rows={rows} />
        <h3 className="text-sm font-medium">{t("llmTitle")}</h3>
        {c.ai.llm.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t("noLlm")}</p>
        ) : (
          <DataTable
            head={[t("llmModel"), t("llmCalls"), t("llmInput"), t("llmOutput"), t("llmCache")]}
            rows={c.ai.llm.map((m) => [
              m.model,
              format.number(m.calls),
              format.number(m.inputTokens),
              format.number(m.outputTokens),
              `${format.number(m.cacheReadTokens)} / ${format.number(m.cacheCreationTokens)}`,
            ])}
          />
        )}
      </CardContent>
    </Card>
  );
}
