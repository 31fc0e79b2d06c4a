"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { removeLogoAction } from "./actions";

/** Upload (POST /api/settings/logo, multipart) and "Fjern logo" for admins, with the current logo shown. */
export function LogoCard({ logoUrl, dealershipName }: { logoUrl: string | null; dealershipName: string }) {
  const t = useTranslations("dealershipProfile");
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();

  const upload = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setDone(false);
    if (!file) return setError(t("chooseLogo"));
    if (file.size > 2 * 1024 * 1024) return setError(t("logoTooLarge"));
    start(async () => {
      const body = new FormData();
      body.set("logo", file);
      const res = await fetch("/api/settings/logo", { method: "POST", body }).catch(() => null);
      if (res?.ok) {
        setError(null);
        setDone(true);
        if (input.current) input.current.value = "";
        router.refresh();
        return;
      }
      const answer = (await res?.json().catch(() => null)) as {
        message?: string;
        fields?: { logo?: string[] };
      } | null;
      setError(
        res?.status === 413
          ? t("logoTooLarge")
          : (answer?.fields?.logo?.[0] ?? answer?.message ?? t("logoFailed")),
      );
    });
  };

  return (
    <div className="grid gap-4" data-testid="logo-card">
      <div className="bg-muted flex min-h-20 items-center justify-center rounded-md border p-4">
        {logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- our own public logo URL, already sized
          <img
            src={logoUrl}
            alt={t("logoAlt", { name: dealershipName })}
            className="max-h-20 max-w-full"
            data-testid="logo-preview"
          />
        ) : (
          <p className="text-muted-foreground text-sm">{t("noLogo")}</p>
        )}
      </div>
      <form onSubmit={upload} className="grid gap-2" noValidate>
        <Label htmlFor="logo-file">{t("logo")}</Label>
        <input
          ref={input}
          id="logo-file"
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
          aria-invalid={error ? true : undefined}
          aria-describedby="logo-file-note"
          className="text-sm file:mr-3 file:rounded-md file:border file:bg-transparent file:px-3 file:py-1.5 file:text-sm"
        />
        <p
          id="logo-file-note"
          className={error ? "text-destructive text-sm" : "text-muted-foreground text-xs"}
        >
          {error ?? t("logoHint")}
        </p>
        {done ? (
          <p role="status" className="text-sm">
            {t("logoUploaded")}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="outline" disabled={pending} aria-busy={pending}>
            {pending ? t("uploading") : t("uploadLogo")}
          </Button>
          {logoUrl ? (
            <ActionButton
              action={removeLogoAction}
              input={{}}
              variant="ghost"
              size="default"
              label={t("removeLogo")}
              confirmText={t("removeLogoConfirm")}
              successText={t("logoRemoved")}
            />
          ) : null}
        </div>
      </form>
    </div>
  );
}
