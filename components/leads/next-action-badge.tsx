import { AlarmClock, CheckCheck, Hourglass, MessageCircleReply, Phone } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { NextActionKind } from "@/lib/leads/next-action";

const VARIANT = {
  needs_reply: "warning",
  call: "default",
  follow_up: "secondary",
  waiting: "outline",
  done: "success",
} as const;
const ICON = {
  needs_reply: MessageCircleReply,
  call: Phone,
  follow_up: AlarmClock,
  waiting: Hourglass,
  done: CheckCheck,
};

/** The lead's next action as a badge; overdue is red and says so in words, not only in colour. */
export function NextActionBadge({
  action,
  overdueLabel,
}: {
  action: { kind: NextActionKind; label: string; overdue: boolean };
  overdueLabel: string;
}) {
  const Icon = ICON[action.kind];
  return (
    <Badge
      variant={action.overdue ? "destructive" : VARIANT[action.kind]}
      data-testid="next-action"
      data-kind={action.kind}
      data-overdue={action.overdue || undefined}
      className="max-w-full whitespace-normal text-left"
    >
      <Icon aria-hidden />
      <span>
        {action.label}
        {action.overdue ? ` (${overdueLabel})` : ""}
      </span>
    </Badge>
  );
}
