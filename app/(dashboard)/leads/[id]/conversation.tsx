import { Bot, Mail, MessageSquare, User, UserRound } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { canRetryMessage } from "@/lib/conversations/retry-failed-message";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { retryMessageAction } from "./actions";
import { DraftReview } from "./draft-review";

type Message = LeadDetail["conversations"][number];
const ICON = { customer: User, ai: Bot, human: UserRound, system: Bot } as const;
// Who wrote it decides the colour: the customer neutral, the AI violet, a person of ours blue.
const BUBBLE = {
  customer: "bg-muted",
  ai: "bg-violet-50 border border-violet-200",
  human: "bg-sky-50 border border-sky-200",
  system: "bg-muted",
} as const;
const STATUS_VARIANT: Record<string, React.ComponentProps<typeof Badge>["variant"]> = {
  draft: "warning",
  cancelled: "outline",
  held: "secondary",
  pending: "secondary",
  queued: "secondary",
  sent: "success",
  delivered: "success",
  failed: "destructive",
  bounced: "destructive",
  complained: "destructive",
};

/** The thread in order: the customer on the left; the AI and people on our side on the right, told apart. */
export async function Conversation({ messages }: { messages: Message[] }) {
  const t = await getTranslations("leadDetail");
  const tf = await getTranslations("failures");
  const format = await getFormatter();
  if (messages.length === 0) return <p className="text-muted-foreground text-sm">{t("noMessages")}</p>;
  return (
    <ol className="space-y-4" data-testid="conversation" aria-label={t("conversation")}>
      {messages.map((m) => {
        const Icon = ICON[m.senderType];
        const ours = m.direction === "outbound";
        const ChannelIcon = m.channel === "sms" ? MessageSquare : Mail;
        return (
          <li
            key={m.id}
            className={cn("flex gap-3", ours && "flex-row-reverse")}
            data-sender={m.senderType}
            data-delivery={m.deliveryStatus ?? undefined}
            data-channel={m.channel}
          >
            <Icon className="text-muted-foreground mt-1 size-5 shrink-0" aria-hidden />
            <div className={cn("max-w-[85%] min-w-0 rounded-lg px-4 py-2", BUBBLE[m.senderType])}>
              <div className="text-muted-foreground mb-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
                <span className="text-foreground font-medium">
                  {m.senderType === "human" && m.sender ? m.sender : t(`sender.${m.senderType}`)}
                </span>
                <span className="flex items-center gap-1">
                  <ChannelIcon className="size-3" aria-hidden />
                  {t(`channel.${m.channel}`)}
                </span>
                <time dateTime={m.createdAt.toISOString()}>
                  {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}
                </time>
                {m.deliveryStatus ? (
                  <Badge variant={STATUS_VARIANT[m.deliveryStatus]} data-testid="delivery-status">
                    {t(`delivery.${m.deliveryStatus}`)}
                  </Badge>
                ) : null}
              </div>
              {m.deliveryStatus === "draft" ? (
                <DraftReview
                  conversationId={m.id}
                  subject={m.subject}
                  body={m.messageContent}
                  preview={m.metadata.preview === true}
                  channel={m.channel}
                />
              ) : (
                <>
                  {m.subject ? <div className="text-sm font-medium">{m.subject}</div> : null}
                  <p className="text-sm break-words whitespace-pre-wrap">{m.messageContent}</p>
                </>
              )}
              {m.deliveryError && m.deliveryStatus !== "cancelled" ? (
                <p className="mt-1 text-xs text-red-700">{m.deliveryError}</p>
              ) : null}
              {canRetryMessage(m) ? (
                <div className="mt-2" data-testid="retry-message">
                  <ActionButton
                    action={retryMessageAction}
                    input={{ conversationId: m.id }}
                    variant="outline"
                    label={tf("retry")}
                    successText={tf("messageRetried")}
                  />
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
