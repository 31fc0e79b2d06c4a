import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PrivacyRequestView } from "@/lib/privacy/get-privacy-request";

/** The latest export and erase requests; a finished export's one-time download link until it expires. */
export async function PrivacyRequestsTable({ requests }: { requests: PrivacyRequestView[] }) {
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  return (
    <section className="space-y-3" aria-labelledby="privacy-requests-title">
      <h2 id="privacy-requests-title" className="text-lg font-semibold">
        {t("requestsTitle")}
      </h2>
      {requests.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t("noRequests")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table data-testid="privacy-requests">
            <TableHeader>
              <TableRow>
                <TableHead>{t("requested")}</TableHead>
                <TableHead>{t("kind")}</TableHead>
                <TableHead>{t("status")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {requests.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="whitespace-nowrap">
                    {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}
                  </TableCell>
                  <TableCell>{t(r.kind === "export" ? "kindExport" : "kindErase")}</TableCell>
                  <TableCell>
                    <Badge
                      variant={
                        r.status === "done" ? "success" : r.status === "pending" ? "warning" : "outline"
                      }
                    >
                      {t(`statuses.${r.status}`)}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-right">
                    {r.downloadUrl ? (
                      <a
                        href={r.downloadUrl}
                        className="text-sm font-medium underline-offset-4 hover:underline"
                        download
                      >
                        {t("download")}
                      </a>
                    ) : r.downloadedAt ? (
                      <span className="text-muted-foreground text-xs">{t("downloaded")}</span>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
