import { Badge } from "@/components/ui/badge";
import type { EmailStatus, StoredEmailClassification } from "@/db/schema/enums";

type Variant = "success" | "warning" | "secondary" | "outline" | "destructive";

const VARIANT: Record<EmailStatus, Variant> = {
  pending: "outline",
  processing: "outline",
  processed: "success",
  ignored: "secondary",
  failed: "destructive",
};

/** What became of an e-mail, in one badge: the classification once processed, else the processing state. */
export function EmailStatusBadge({
  status,
  classification,
  label,
}: {
  status: EmailStatus;
  classification: StoredEmailClassification | null;
  label: string;
}) {
  const variant: Variant =
    status === "processed" && classification === "uncertain" ? "warning" : VARIANT[status];
  return (
    <Badge variant={variant} data-status={status} data-classification={classification ?? ""}>
      {label}
    </Badge>
  );
}
