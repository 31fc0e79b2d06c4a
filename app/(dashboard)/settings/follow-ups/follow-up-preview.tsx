import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** The messages a sample lead would get from the saved rule, as the responder writes them today. */
export async function FollowUpPreview({
  steps,
  enabled,
}: {
  steps: { step: number; channel: string; delayDays: number; subject: string; body: string }[];
  enabled: boolean;
}) {
  const t = await getTranslations("followUps");
  return (
    <Card data-testid="follow-up-preview">
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("previewTitle")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <p className="text-muted-foreground text-sm">{enabled ? t("previewIntro") : t("previewOff")}</p>
        {steps.map((s) => (
          <section
            key={s.step}
            className="space-y-1 rounded-md border p-3"
            aria-label={t("step", { step: s.step })}
          >
            <p className="text-sm font-medium">
              {t("previewStep", { step: s.step, days: s.delayDays })} · {t(`channel.${s.channel}`)}
            </p>
            {s.channel === "email" ? <p className="text-sm">{s.subject}</p> : null}
            <pre
              className="bg-muted/40 font-sans text-sm break-words whitespace-pre-wrap"
              data-testid="preview-body"
            >
              {s.body}
            </pre>
          </section>
        ))}
      </CardContent>
    </Card>
  );
}
