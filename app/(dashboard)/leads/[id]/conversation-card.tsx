import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/get-session";
import { defaultReplyChannel } from "@/lib/conversations/default-reply-channel";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { carName } from "@/lib/templates/describe-car-for-reply";
import { getReplyTools } from "@/lib/templates/get-reply-tools";
import { Conversation } from "./conversation";
import { ReplyForm } from "./reply-form";

export async function ConversationCard({ detail }: { detail: LeadDetail }) {
  const t = await getTranslations("leadDetail");
  const session = await requireSession();
  const { lead, vehicle } = detail;
  const canEmail = Boolean(lead.customerEmail);
  const canSms = Boolean(lead.phoneNormalized);
  const tools = await getReplyTools(session, {
    customerName: lead.customerName,
    carName: vehicle ? carName(vehicle) : lead.vehicleInterest,
  });
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
          // A new contact (phone or e-mail added) starts the form again with the channel that now fits.
          key={`${canEmail}-${canSms}`}
          leadId={lead.id}
          canEmail={canEmail}
          canSms={canSms}
          aiPaused={lead.aiPaused}
          defaultChannel={defaultReplyChannel({ canEmail, canSms, messages: detail.conversations })}
          templates={tools.templates}
          cars={tools.cars}
          variables={tools.variables}
        />
      </CardContent>
    </Card>
  );
}
