"use client";

import { Phone } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { openCallLog } from "./lead-page-events";

/**
 * "Ring": a tel: link (the phone dials) that also opens the call log, so the outcome is noted while the call
 * is fresh. Without a phone number it only opens the log (a call made from elsewhere).
 */
export function CallButton({
  phone,
  variant = "default",
  className,
  testId = "call-button",
}: {
  phone: string | null;
  variant?: "default" | "outline" | "ghost";
  className?: string;
  testId?: string;
}) {
  const t = useTranslations("calls");
  return (
    <a
      href={phone ? `tel:${phone}` : "#call-log"}
      onClick={(event) => {
        if (!phone) event.preventDefault();
        openCallLog();
      }}
      className={cn(buttonVariants({ variant }), className)}
      data-testid={testId}
    >
      <Phone aria-hidden />
      {t("call")}
    </a>
  );
}
