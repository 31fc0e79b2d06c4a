"use client";

import { CheckCheck, ListChecks, MessageSquare, Reply } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CallButton } from "./call-button";
import { goTo, replyBySms } from "./lead-page-events";

/** The one action that fits the lead now: approve the AI's draft, call the customer, or reply. */
export function PrimaryAction({ kind, phone }: { kind: "approve" | "call" | "reply"; phone: string | null }) {
  const t = useTranslations("nextAction.primary");
  if (kind === "call") return <CallButton phone={phone} testId="primary-action" />;
  return (
    <Button
      data-testid="primary-action"
      onClick={() => (kind === "approve" ? goTo('[data-testid="draft-review"]') : goTo("#reply-body"))}
    >
      {kind === "approve" ? <CheckCheck aria-hidden /> : <Reply aria-hidden />}
      {t(kind)}
    </Button>
  );
}

/** On a phone: Ring, SMS, Svar and Status within thumb's reach at the bottom of the lead page. */
export function PhoneActionBar({ phone, canSms }: { phone: string | null; canSms: boolean }) {
  const t = useTranslations("nextAction.bar");
  const item = "h-14 flex-1 flex-col gap-0.5 rounded-none text-xs";
  return (
    <nav
      aria-label={t("label")}
      className="bg-background fixed inset-x-0 bottom-0 z-40 flex border-t pb-[env(safe-area-inset-bottom)] shadow-[0_-2px_8px_rgba(0,0,0,0.06)] lg:hidden"
      data-testid="phone-action-bar"
    >
      <CallButton phone={phone} variant="ghost" className={item} testId="bar-call" />
      <Button variant="ghost" className={item} disabled={!canSms} onClick={replyBySms} data-testid="bar-sms">
        <MessageSquare aria-hidden />
        {t("sms")}
      </Button>
      <Button variant="ghost" className={item} onClick={() => goTo("#reply-body")} data-testid="bar-reply">
        <Reply aria-hidden />
        {t("reply")}
      </Button>
      <Button variant="ghost" className={item} onClick={() => goTo("#lead-status")} data-testid="bar-status">
        <ListChecks aria-hidden />
        {t("status")}
      </Button>
    </nav>
  );
}
