"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

type RowError = { line: number; field?: string; message: string };
type Preview = {
  headers: string[];
  mapping: Record<string, string>;
  rows: number;
  valid: number;
  sample: { line: number; values: Record<string, unknown> }[];
  errors: RowError[];
  warnings: RowError[];
};
type Summary = {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  markedSold: number;
  errors: RowError[];
};

/** Sends the file with XMLHttpRequest: unlike fetch, it reports upload progress for the progress bar. */
function upload(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

export function ImportWizard({ fields }: { fields: { value: string; label: string }[] }) {
  const t = useTranslations("vehicleImport");
  const router = useRouter();
  const fileRef = useRef<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [markMissingSold, setMarkMissingSold] = useState(false);
  const [applyValidRows, setApplyValidRows] = useState(false);
  const labels = Object.fromEntries(fields.map((f) => [f.value, f.label]));

  const send = async (query: Record<string, string>) => {
    const file = fileRef.current;
    if (!file) return null;
    setError(null);
    setProgress(0);
    try {
      const res = await upload(`/api/vehicles/import?${new URLSearchParams(query)}`, file, setProgress);
      if (res.status === 413) setError(t("tooLarge"));
      else if (res.status >= 400 && res.status !== 422)
        setError(
          t("failed", { message: (res.body as { message?: string } | null)?.message ?? String(res.status) }),
        );
      else return res.body;
    } catch {
      setError(t("failed", { message: "nettverk" }));
    } finally {
      setProgress(null);
    }
    return null;
  };
  const runPreview = async (nextMapping?: Record<string, string>) => {
    setSummary(null);
    const body = (await send({
      preview: "1",
      ...(nextMapping && { mapping: JSON.stringify(nextMapping) }),
    })) as Preview | null;
    if (body) {
      setPreview(body);
      setMapping(body.mapping);
    }
  };
  const runImport = async () => {
    const body = (await send({
      mapping: JSON.stringify(mapping),
      ...(markMissingSold && { mark_missing_sold: "1" }),
      ...(applyValidRows && { apply_valid_rows: "1" }),
    })) as Summary | null;
    if (body) {
      setSummary(body);
      router.refresh();
    }
  };

  return (
    <div className="grid max-w-5xl gap-6" data-testid="import-wizard">
      <div className="grid gap-1.5">
        <Label htmlFor="import-file">{t("chooseFile")}</Label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.txt,.json,.xml,text/csv"
          className="text-sm"
          onChange={(e) => {
            fileRef.current = e.target.files?.[0] ?? null;
            setPreview(null);
            setSummary(null);
            if (fileRef.current) void runPreview();
          }}
        />
      </div>
      {progress !== null ? (
        <div className="grid gap-1" role="status">
          <progress
            max={100}
            value={progress}
            className="w-full"
            aria-label={t("uploading", { percent: progress })}
          />
          <span className="text-muted-foreground text-xs">
            {progress < 100 ? t("uploading", { percent: progress }) : t("processing")}
          </span>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
      {preview ? (
        <>
          <section className="grid gap-2">
            <h2 className="text-lg font-semibold">{t("mapping")}</h2>
            <p className="text-muted-foreground text-sm">{t("mappingHint")}</p>
            <p className="text-sm" data-testid="import-counts">
              {t("rows", { count: preview.rows, valid: preview.valid })}
            </p>
            <div className="overflow-x-auto rounded-lg border">
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b text-left">
                    <th className="px-3 py-2">{t("column")}</th>
                    <th className="px-3 py-2">{t("field")}</th>
                    <th className="px-3 py-2">{t("sample")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.headers.map((h) => (
                    <tr key={h} className="border-b last:border-0">
                      <td className="px-3 py-1.5 font-medium">{h}</td>
                      <td className="px-3 py-1.5">
                        <select
                          aria-label={`${t("field")}: ${h}`}
                          className="border-input h-8 rounded-md border bg-transparent px-2"
                          value={mapping[h] ?? ""}
                          onChange={(e) => {
                            const next = { ...mapping, [h]: e.target.value };
                            setMapping(next);
                            void runPreview(next);
                          }}
                        >
                          <option value="">{t("skip")}</option>
                          {fields.map((f) => (
                            <option key={f.value} value={f.value}>
                              {f.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="text-muted-foreground max-w-xs truncate px-3 py-1.5">
                        {preview.sample
                          .slice(0, 3)
                          .map((r) => String(r.values[h] ?? ""))
                          .join(" · ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <RowErrors
            labels={labels}
            title={t("errors")}
            rows={preview.errors}
            lineLabel={t("line")}
            testId="import-errors"
          />
          <RowErrors
            labels={labels}
            title={t("warnings")}
            rows={preview.warnings}
            lineLabel={t("line")}
            testId="import-warnings"
          />
          {preview.errors.length === 0 ? <p className="text-sm">{t("noErrors")}</p> : null}
          <div className="grid gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={markMissingSold}
                onChange={(e) => setMarkMissingSold(e.target.checked)}
              />
              {t("markMissingSold")}
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={applyValidRows}
                onChange={(e) => setApplyValidRows(e.target.checked)}
              />
              {t("applyValidRows")}
            </label>
          </div>
          <div>
            <Button onClick={() => void runImport()} disabled={progress !== null}>
              {progress !== null ? t("importing") : t("import")}
            </Button>
          </div>
        </>
      ) : null}
      {summary ? (
        <div role="status" className="rounded-md border px-3 py-2 text-sm" data-testid="import-summary">
          {summary.applied
            ? t("summary", {
                created: summary.created,
                updated: summary.updated,
                unchanged: summary.unchanged,
                failed: summary.failed,
                markedSold: summary.markedSold,
              })
            : t("notApplied", { failed: summary.failed })}
          <RowErrors
            labels={labels}
            title={t("errors")}
            rows={summary.errors}
            lineLabel={t("line")}
            testId="import-summary-errors"
          />
        </div>
      ) : null}
    </div>
  );
}

function RowErrors({
  title,
  rows,
  labels,
  lineLabel,
  testId,
}: {
  title: string;
  rows: RowError[];
  labels: Record<string, string>;
  lineLabel: string;
  testId: string;
}) {
  if (rows.length === 0) return null;
  return (
    <section className="grid gap-1">
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="max-h-64 overflow-y-auto text-sm" data-testid={testId}>
        {rows.map((e, i) => (
          <li key={i}>
            {lineLabel} {e.line}
            {e.field ? ` (${labels[e.field] ?? e.field})` : ""}: {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
