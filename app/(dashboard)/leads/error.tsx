"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** The inbox or a lead could not be loaded (database down, timeout): say so and offer a retry, keep the menu. */
export default function LeadsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("inbox");
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
