import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AUDIT_ACTION_GROUPS, type AuditFilter } from "@/lib/audit/schemas";

const selectClass = "border-input bg-background h-9 w-full rounded-md border px-3 text-sm";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and reloaded. */
export async function AuditFilters({
  filter,
  members,
}: {
  filter: AuditFilter;
  members: { id: string; name: string }[];
}) {
  const t = await getTranslations("audit");
  return (
    <form method="get" className="grid gap-3 sm:grid-cols-5 sm:items-end" data-testid="audit-filters">
      <div className="grid gap-1.5">
        <Label htmlFor="audit-group">{t("group")}</Label>
        <select id="audit-group" name="group" defaultValue={filter.group ?? ""} className={selectClass}>
          <option value="">{t("all")}</option>
          {AUDIT_ACTION_GROUPS.map((group) => (
            <option key={group} value={group}>
              {t(`groups.${group}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-actor">{t("actor")}</Label>
        <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} className={selectClass}>
          <option value="">{t("everyone")}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">{t("from")}</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">{t("to")}</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} />
      </div>
      <Button type="submit" variant="outline">
        {t("filter")}
      </Button>
    </form>
  );
}
