"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { sendFollowUpNowAction, setLeadFollowUpsOffAction, skipFollowUpAction } from "./actions";

/** "Ingen oppfølging": a real checkbox, so it reads and works the same with a keyboard and a screen reader. */
export function FollowUpSwitch({ leadId, off }: { leadId: string; off: boolean }) {
  const t = useTranslations("followUps");
  const [pending, start] = useTransition();
  const toggle = (next: boolean) =>
    start(async () => {
      const result = await setLeadFollowUpsOffAction(null, { leadId, off: next });
      if (!result?.ok) toast({ title: result?.error ?? t("failed"), variant: "destructive" });
      else toast({ title: next ? t("switchedOff") : t("switchedOn"), variant: "success" });
    });
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        className="size-4"
        checked={off}
        disabled={pending}
        onChange={(e) => toggle(e.target.checked)}
        data-testid="follow-ups-off"
      />
      {t("off")}
    </label>
  );
}

/** Skip this follow-up, or send it now (still within opening hours). */
export function FollowUpButtons({ followUpId, canSendNow }: { followUpId: string; canSendNow: boolean }) {
  const t = useTranslations("followUps");
  const [pending, start] = useTransition();
  const run = (action: typeof skipFollowUpAction, done: string) =>
    start(async () => {
      const result = await action(null, { followUpId });
      if (!result?.ok) toast({ title: result?.error ?? t("failed"), variant: "destructive" });
      else toast({ title: done, variant: "success" });
    });
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() => run(skipFollowUpAction, t("skipped"))}
      >
        {t("skip")}
      </Button>
      {canSendNow ? (
        <Button
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() => run(sendFollowUpNowAction, t("queuedNow"))}
        >
          {t("sendNow")}
        </Button>
      ) : null}
    </div>
  );
}
