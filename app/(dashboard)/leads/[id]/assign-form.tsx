"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import { assignLeadAction } from "./actions";

const SELECT =
  "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px]";

/** Who works the lead; saved as soon as it is chosen. */
export function AssignForm(props: {
  leadId: string;
  assignedTo: string | null;
  team: { id: string; name: string }[];
}) {
  const t = useTranslations("leadDetail");
  const [pending, start] = useTransition();
  const assign = (assignedTo: string) =>
    start(async () => {
      const result = await assignLeadAction(null, { leadId: props.leadId, assignedTo });
      if (!result?.ok) toast({ title: result?.error ?? t("failed"), variant: "destructive" });
    });
  return (
    <div className="grid gap-1.5">
      <Label htmlFor="lead-assignee">{t("assignedTo")}</Label>
      <select
        id="lead-assignee"
        className={SELECT}
        defaultValue={props.assignedTo ?? ""}
        disabled={pending}
        aria-busy={pending}
        onChange={(e) => assign(e.target.value)}
      >
        <option value="">{t("unassigned")}</option>
        {props.team.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}
