"use client";

import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";

/** "Last opp .eml": the file goes through POST /api/emails and is processed like mail to the inbound address. */
export function UploadEmailButton() {
  const t = useTranslations("emails.upload");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch("/api/emails", { method: "POST", body });
      const data = (await res.json().catch(() => ({}))) as {
        email_id?: string;
        status?: string;
        message?: string;
      };
      if (!res.ok || !data.email_id) {
        toast({ title: t("failed"), description: data.message, variant: "destructive" });
        return;
      }
      toast({ title: data.status === "duplicate" ? t("duplicate") : t("done"), variant: "success" });
      router.push(`/emails/${data.email_id}`);
    } catch {
      toast({ title: t("failed"), variant: "destructive" });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".eml,message/rfc822"
        className="sr-only"
        aria-label={t("label")}
        data-testid="upload-eml-input"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Button onClick={() => input.current?.click()} disabled={busy}>
        <Upload className="size-4" aria-hidden /> {busy ? t("busy") : t("button")}
      </Button>
    </>
  );
}
