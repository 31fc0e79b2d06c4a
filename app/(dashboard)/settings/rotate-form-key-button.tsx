"use client";

import { RefreshCw } from "lucide-react";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { rotateFormKeyAction } from "./actions";

export function RotateFormKeyButton() {
  const [pending, start] = useTransition();
  const rotate = () => {
    if (!confirm("Lage ny skjemanøkkel? Nettsideskjema som bruker den gamle adressen slutter å virke."))
      return;
    start(async () => {
      const result = await rotateFormKeyAction(null, {});
      toast(
        result?.ok
          ? { title: "Ny skjemanøkkel laget", variant: "success" }
          : { title: result?.error ?? "Feil", variant: "destructive" },
      );
    });
  };
  return (
    <Button variant="outline" size="sm" onClick={rotate} disabled={pending}>
      <RefreshCw className="size-4" aria-hidden /> Lag ny skjemanøkkel
    </Button>
  );
}
