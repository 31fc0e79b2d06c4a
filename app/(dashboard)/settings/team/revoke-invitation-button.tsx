"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { revokeInvitationAction } from "../actions";

export function RevokeInvitationButton({ id, label }: { id: string; label: string }) {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await revokeInvitationAction(null, { id });
          if (!result?.ok) toast({ title: result?.error ?? "Feil", variant: "destructive" });
        })
      }
    >
      {label}
    </Button>
  );
}
