"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A labelled value with a copy button: endpoints, snippets, curl examples. */
export function CopyBlock({
  label,
  value,
  multiline,
  testId,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between">
        <span className="text-sm font-medium">{label}</span>
        <Button type="button" variant="ghost" size="sm" onClick={copy} aria-label={`Kopier ${label}`}>
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? "Kopiert" : "Kopier"}
        </Button>
      </div>
      <pre
        data-testid={testId}
        className={`bg-muted overflow-x-auto rounded-md p-3 font-mono text-xs ${multiline ? "max-h-72 whitespace-pre" : "whitespace-pre-wrap break-all"}`}
      >
        {value}
      </pre>
    </div>
  );
}
