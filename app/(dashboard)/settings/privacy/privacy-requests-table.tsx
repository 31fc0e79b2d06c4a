import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PrivacyRequestView } from "@/lib/privacy/get-privacy-request";
import { retryPrivacyRequestAction } from "./actions";
import { RefreshWhilePending } from "./refresh-while-pending";

const KIND_LABEL = {
  export: "kindExport",
  erase: "kindErase",
  dealership_export: "kindDealershipExport",
} as const;

/**
 * The latest export and erase requests: a running dealership export's progress, a finished export's links until it
 * expires (a person's: JSON and the readable summary, once each; the dealership's zip), a failed one's "Prøv igjen".
 */
export async function PrivacyRequestsTable({ requests }: { requests: PrivacyRequestView[] }) {
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  const pendingExport = requests.some((r) => r.status === "pending" && r.kind !== "erase");
  return (
    <section className="space-y-3" aria-labelledby="privacy-requests-title">
      <RefreshWhilePending active={pendingExport} />
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
                <TableRow key={r.id} data-kind={r.kind} data-status={r.status}>
                  <TableCell className="whitespace-nowrap">
                    {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short" })}
                  </TableCell>
                  <TableCell>{t(KIND_LABEL[r.kind])}</TableCell>
                  <TableCell className="space-y-1">
                    <Badge
                      variant={
                        r.status === "done"
                          ? "success"
                          : r.status === "pending"
                            ? "warning"
                            : r.status === "failed"
                              ? "destructive"
                              : "outline"
                      }
                    >
                      {t(`statuses.${r.status}`)}
                    </Badge>
                    {r.status === "pending" && r.progress.total > 0 && (
                      <ProgressLine done={r.progress.done} total={r.progress.total} />
                    )}
                    {r.status === "failed" && r.error && (
                      <p className="text-muted-foreground max-w-xs text-xs break-words">
                        {t("failedReason", { reason: r.error })}
                      </p>
                    )}
                  </TableCell>
                  <TableCell className="text-right">
                    <RequestLinks request={r} />
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

async function ProgressLine({ done, total }: { done: number; total: number }) {
  const t = await getTranslations("privacy");
  const percent = Math.min(100, Math.floor((done / total) * 100));
  return (
    <div className="w-40 space-y-1" data-testid="export-progress">
      <progress className="accent-primary h-2 w-full" value={percent} max={100} aria-label={`${percent} %`} />
      <p className="text-muted-foreground text-xs">{t("progress", { percent, done, total })}</p>
    </div>
  );
}

async function RequestLinks({ request: r }: { request: PrivacyRequestView }) {
  const t = await getTranslations("privacy");
  const format = await getFormatter();
  if (r.status === "failed" && r.kind !== "erase")
    return (
      <ActionButton
        action={retryPrivacyRequestAction}
        input={{ id: r.id }}
        variant="outline"
        label={t("retry")}
        successText={t("retryStarted")}
        data-testid="privacy-retry"
      />
    );
  const link = "text-sm font-medium underline-offset-4 hover:underline";
  if (r.downloadUrl || r.htmlUrl)
    return (
      <div className="flex flex-col items-end gap-1">
        {r.downloadUrl && (
          <a href={r.downloadUrl} className={link} download>
            {t(r.kind === "dealership_export" ? "downloadZip" : "download")}
          </a>
        )}
        {r.htmlUrl && (
          <a href={r.htmlUrl} className={link} target="_blank" rel="noopener">
            {t("downloadHtml")}
          </a>
        )}
        {r.kind === "dealership_export" && r.expiresAt && (
          <span className="text-muted-foreground text-xs">
            {t("expiresAt", {
              when: format.dateTime(r.expiresAt, { dateStyle: "short", timeStyle: "short" }),
            })}
          </span>
        )}
      </div>
    );
  if (r.downloadedAt) return <span className="text-muted-foreground text-xs">{t("downloaded")}</span>;
  return null;
}
