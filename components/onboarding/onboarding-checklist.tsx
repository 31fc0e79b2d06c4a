import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionState } from "@/lib/auth/tenant-action";
import type { OnboardingChecklist as Checklist } from "@/lib/onboarding/get-onboarding-checklist";

type Props = {
  checklist: Checklist;
  /** The "Skjul" server action (passed in by the page, which owns its actions). */
  dismissAction: (
    previous: ActionState<{ dismissed: boolean }>,
    input: Record<string, never>,
  ) => Promise<ActionState<{ dismissed: boolean }>>;
};

/** "Kom i gang": the onboarding steps, each ticked from real state and linking to where it is done. */
export async function OnboardingChecklist({ checklist, dismissAction }: Props) {
  if (!checklist.visible) return null;
  const t = await getTranslations("onboarding");
  return (
    <Card data-testid="onboarding-checklist">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <CardTitle className="text-base">
            <h2>{t("title")}</h2>
          </CardTitle>
          <CardDescription>{t("subtitle", { done: checklist.done, total: checklist.total })}</CardDescription>
        </div>
        <ActionButton action={dismissAction} input={{}} label={t("dismiss")} variant="outline" />
      </CardHeader>
      <CardContent>
        <ol className="grid gap-2 sm:grid-cols-2">
          {checklist.steps.map((step) => (
            <li
              key={step.key}
              data-step={step.key}
              data-done={step.done}
              className="flex items-start gap-2 text-sm"
            >
              {step.done ? (
                <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-600" aria-label={t("done")} />
              ) : (
                <Circle className="text-muted-foreground mt-0.5 size-4 shrink-0" aria-label={t("todo")} />
              )}
              <span className="min-w-0">
                <Link
                  href={step.href}
                  className={
                    step.done
                      ? "text-muted-foreground line-through"
                      : "font-medium underline-offset-4 hover:underline"
                  }
                >
                  {t(`steps.${step.key}`)}
                </Link>
                <span className="text-muted-foreground block text-xs">{t(`hints.${step.key}`)}</span>
              </span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
