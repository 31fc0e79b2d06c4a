import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FailedJob } from "@/lib/jobs/find-failed-jobs";
import { retryFailedJobAction } from "./actions";

export async function FailedJobsTable({ jobs }: { jobs: FailedJob[] }) {
  const t = await getTranslations("jobs");
  const format = await getFormatter();
  return (
    <div className="rounded-lg border">
      <Table data-testid="failed-jobs-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("failedAt")}</TableHead>
            <TableHead>{t("job")}</TableHead>
            <TableHead>{t("lead")}</TableHead>
            <TableHead>{t("error")}</TableHead>
            <TableHead className="text-right">{t("retries")}</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {jobs.map((job) => (
            <TableRow key={`${job.queue}/${job.id}`} className="align-top">
              <TableCell className="whitespace-nowrap">
                {format.dateTime(job.failedAt, { dateStyle: "short", timeStyle: "short" })}
              </TableCell>
              <TableCell>
                <div className="font-mono text-xs">{job.jobName}</div>
                <Badge variant={job.kind === "failed" ? "destructive" : "warning"} className="mt-1">
                  {t(job.kind === "failed" ? "kindFailed" : "kindDeadLetter")}
                </Badge>
              </TableCell>
              <TableCell>
                {job.leadId ? (
                  <Link href={`/leads/${job.leadId}`} className="text-sm underline-offset-4 hover:underline">
                    {t("openLead")}
                  </Link>
                ) : (
                  "—"
                )}
              </TableCell>
              <TableCell className="max-w-md">
                <p className="text-muted-foreground text-xs break-words whitespace-pre-wrap">
                  {job.error ?? "—"}
                </p>
              </TableCell>
              <TableCell className="text-right">{job.retryCount ?? "—"}</TableCell>
              <TableCell className="text-right">
                <ActionButton
                  action={retryFailedJobAction}
                  input={{ queue: job.queue, id: job.id }}
                  variant="outline"
                  label={t("retry")}
                  successText={t("retried")}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
