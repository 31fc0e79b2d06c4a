"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { bulkLeadsAction } from "./actions";

const SELECT =
  "border-input bg-background h-9 max-w-full rounded-md border px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none";

/** Managers and admins: assign the chosen leads to one person, or mark them as spam. */
export function BulkBar({
  leadIds,
  team,
  onDone,
}: {
  leadIds: string[];
  team: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useTranslations("inbox");
  const [assignee, setAssignee] = useState("");
  const [pending, start] = useTransition();
  const run = (action: "assign" | "spam") =>
    start(async () => {
      const result = await bulkLeadsAction(null, { leadIds, action, assignedTo: assignee });
      if (!result?.ok) toast({ title: result?.error ?? "", variant: "destructive" });
      else {
        toast({ title: t("bulkDone", { count: result.data.updated }), variant: "success" });
        onDone();
      }
    });
  return (
    <div
      role="region"
      aria-label={t("bulkActions")}
      className="bg-muted flex flex-wrap items-end gap-3 rounded-lg p-3"
      data-testid="bulk-bar"
      aria-busy={pending}
    >
      <p className="text-sm font-medium" aria-live="polite">
        {t("selected", { count: leadIds.length })}
      </p>
      <div className="grid gap-1">
        <label htmlFor="bulk-assignee" className="text-xs font-medium">
          {t("bulkAssignee")}
        </label>
        <select
          id="bulk-assignee"
          className={SELECT}
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
        >
          <option value="">{t("unassigned")}</option>
          {team.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Button size="sm" onClick={() => run("assign")} disabled={pending}>
        {t("bulkAssign")}
      </Button>
      <Button size="sm" variant="outline" onClick={() => run("spam")} disabled={pending}>
        {t("bulkSpam")}
      </Button>
    </div>
  );
}
