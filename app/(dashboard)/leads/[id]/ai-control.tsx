"use client";

import { Bot, Hand } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { setAiPausedAction } from "./actions";

/** "Ta over": the AI stops and its unsent messages are cancelled. "Gi tilbake til AI" undoes the pause. */
export function AiControl({ leadId, paused }: { leadId: string; paused: boolean }) {
  const t = useTranslations("leadDetail");
  const [pending, start] = useTransition();
  const toggle = () =>
    start(async () => {
      const result = await setAiPausedAction(null, { leadId, paused: paused ? "false" : "true" });
      if (!result?.ok) toast({ title: result?.error ?? t("failed"), variant: "destructive" });
      else
        toast({
          title: paused ? t("handedBack") : t("takenOver", { count: result.data.cancelledMessages }),
          variant: "success",
        });
    });
  return (
    <Button variant="outline" onClick={toggle} disabled={pending} aria-busy={pending}>
      {paused ? <Bot className="size-4" aria-hidden /> : <Hand className="size-4" aria-hidden />}
      {paused ? t("handBack") : t("takeOver")}
    </Button>
  );
}
