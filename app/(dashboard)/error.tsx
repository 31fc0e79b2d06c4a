"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A dashboard page failed to render: say so in the reader's language, keep the menu, offer a retry. */
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="border-destructive/30 bg-destructive/5 space-y-3 rounded-lg border p-6">
      <h1 className="text-lg font-semibold">{t("errorTitle")}</h1>
      <p className="text-muted-foreground text-sm">
        {t("errorText")}
        {error.digest ? <span className="ml-1 font-mono text-xs">({error.digest})</span> : null}
      </p>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
