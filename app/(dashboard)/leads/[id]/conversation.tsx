import { Bot, User, UserRound } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/lib/cn";
import type { conversations } from "@/db/schema/conversations";

type Message = typeof conversations.$inferSelect;
const ICON = { customer: User, ai: Bot, human: UserRound, system: Bot } as const;

/** The messages in order; the customer on the left, the AI and people on our side on the right. */
export async function Conversation({ messages }: { messages: Message[] }) {
  const t = await getTranslations("leads");
  const format = await getFormatter();
  if (messages.length === 0) return <p className="text-muted-foreground text-sm">{t("noMessages")}</p>;
  return (
    <ol className="space-y-4" data-testid="conversation">
      {messages.map((m) => {
        const Icon = ICON[m.senderType];
        const ours = m.direction === "outbound";
        return (
          <li
            key={m.id}
            className={cn("flex gap-3", ours && "flex-row-reverse text-right")}
            data-sender={m.senderType}
          >
            <Icon className="text-muted-foreground mt-1 size-5 shrink-0" aria-hidden />
            <div
              className={cn(
                "max-w-[80%] rounded-lg px-4 py-2 text-left",
                ours ? "bg-primary/10" : "bg-muted",
              )}
            >
              <div className="text-muted-foreground mb-1 text-xs">
                {t(`sender.${m.senderType}`)} ·{" "}
                {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}
              </div>
              {m.subject ? <div className="text-sm font-medium">{m.subject}</div> : null}
              <p className="text-sm whitespace-pre-wrap">{m.messageContent}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
