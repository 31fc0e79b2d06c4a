"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/auth/tenant-action";

type Props<I, R> = {
  action: (previous: ActionState<R>, input: I) => Promise<ActionState<R>>;
  input: I;
  label: string;
  /** Asked with confirm() before running, for actions that cannot be undone. */
  confirmText?: string;
  /** Shown in a toast after success; a function gets the action's result (e.g. counts). */
  successText?: string | ((data: R) => string);
} & Omit<React.ComponentProps<typeof Button>, "onClick" | "action">;

/** A button that runs one tenantAction and reports failure (or success) in a toast. */
export function ActionButton<I, R>({
  action,
  input,
  label,
  confirmText,
  successText,
  ...button
}: Props<I, R>) {
  const t = useTranslations("serverMessages");
  const [pending, start] = useTransition();
  const run = () => {
    if (confirmText && !confirm(confirmText)) return;
    start(async () => {
      const result = await action(null, input);
      if (!result?.ok)
        toast({ title: result?.error ?? t("somethingWentWrongShort"), variant: "destructive" });
      else if (successText)
        toast({
          title: typeof successText === "function" ? successText(result.data) : successText,
          variant: "success",
        });
    });
  };
  return (
    <Button variant="ghost" size="sm" {...button} disabled={pending || button.disabled} onClick={run}>
      {label}
    </Button>
  );
}
