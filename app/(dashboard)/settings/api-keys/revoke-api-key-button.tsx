"use client";

import { useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { revokeApiKeyAction } from "../actions";

export function RevokeApiKeyButton({ id }: { id: string }) {
  const t = useTranslations("common");
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await revokeApiKeyAction(null, { id });
          if (!result?.ok) toast({ title: result?.error ?? "Feil", variant: "destructive" });
        })
      }
    >
      {t("revoke")}
    </Button>
  );
}
