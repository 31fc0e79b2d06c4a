"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requestDealershipExportAction } from "./actions";

/** The admin's whole-dealership export: started here, followed (progress, download) in the requests table. */
export function DealershipExportCard({ ttlHours, running }: { ttlHours: number; running: boolean }) {
  const t = useTranslations("privacy");
  return (
    <Card className="max-w-3xl" aria-labelledby="dealership-export-title">
      <CardHeader>
        <CardTitle id="dealership-export-title" className="text-base">
          {t("dealershipExportTitle")}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        <p className="text-muted-foreground">{t("dealershipExportIntro", { hours: ttlHours })}</p>
        <ActionButton
          action={requestDealershipExportAction}
          input={{}}
          variant="outline"
          label={t("dealershipExportStart")}
          successText={t("dealershipExportStarted")}
          disabled={running}
          data-testid="dealership-export"
        />
      </CardContent>
    </Card>
  );
}
