import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEntry } from "@/lib/audit/find-audit-entries";

/** The audit log, read only: when, who (a person, the system, an API key, the customer), what, on what. */
export async function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = await getTranslations("audit");
  const format = await getFormatter();
  if (entries.length === 0) return <p className="text-muted-foreground text-sm">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table data-testid="audit-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("when")}</TableHead>
            <TableHead>{t("who")}</TableHead>
            <TableHead>{t("what")}</TableHead>
            <TableHead>{t("target")}</TableHead>
            <TableHead>{t("details")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id} className="align-top">
              <TableCell className="whitespace-nowrap">
                {format.dateTime(e.at, { dateStyle: "short", timeStyle: "medium" })}
              </TableCell>
              <TableCell>{e.actorName ?? t(`actors.${e.actorType}`)}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="font-mono text-xs break-all">
                {e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}
              </TableCell>
              <TableCell className="max-w-sm">
                <code className="text-muted-foreground text-xs break-words">
                  {Object.keys(e.data).length ? JSON.stringify(e.data) : ""}
                </code>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
