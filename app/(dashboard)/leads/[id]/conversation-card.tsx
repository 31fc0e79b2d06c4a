import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { Conversation } from "./conversation";
import { ReplyForm } from "./reply-form";

export async function ConversationCard({ detail }: { detail: LeadDetail }) {
  const t = await getTranslations("leadDetail");
  const { lead } = detail;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("conversation")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-6">
        <Conversation messages={detail.conversations} />
        <ReplyForm
          leadId={lead.id}
          canEmail={Boolean(lead.customerEmail)}
          canSms={Boolean(lead.phoneNormalized)}
          aiPaused={lead.aiPaused}
        />
      </CardContent>
    </Card>
  );
}
