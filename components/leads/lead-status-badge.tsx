import { Badge } from "@/components/ui/badge";
import type { LeadStatus } from "@/db/schema/enums";

const VARIANT: Record<LeadStatus, React.ComponentProps<typeof Badge>["variant"]> = {
  new: "default",
  contacted: "secondary",
  qualified: "warning",
  won: "success",
  lost: "outline",
};

export function LeadStatusBadge({ status, label }: { status: LeadStatus; label: string }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {label}
    </Badge>
  );
}
