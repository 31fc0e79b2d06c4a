import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageConversationSettings } from "@/lib/auth/permissions";
import { getConversationSettings } from "@/lib/conversations/get-conversation-settings";
import { getSmsWebhookUrl } from "@/lib/inbound-sms/sms-webhook-url";
import { ConversationSettingsForm } from "./conversation-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("conversation");
  return { title: t("tab") };
}

// Settings → Samtaler og SMS (admins): answers after the first reply, hand-off, the dealership's SMS number.
export default async function ConversationSettingsPage() {
  const session = await requireSession();
  if (!canManageConversationSettings(session.role)) notFound();
  const t = await getTranslations("conversation");
  const settings = await getConversationSettings(session);
  return (
    <div className="space-y-6">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro")}</p>
      <ConversationSettingsForm {...settings} webhookUrl={getSmsWebhookUrl()} />
    </div>
  );
}
