import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

const STATUS_KEY = { available: "statusAvailable", reserved: "statusReserved", sold: "statusSold" } as const;

/** Available / reserved / sold, with the date of a reservation or sale. */
export async function VehicleStatusBadge({
  status,
  changedAt,
}: {
  status: "available" | "reserved" | "sold";
  changedAt: Date | null;
}) {
  const t = await getTranslations("vehicles");
  const format = await getFormatter();
  const label = t(STATUS_KEY[status]);
  return (
    <Badge
      variant={status === "available" ? "success" : status === "reserved" ? "warning" : "outline"}
      data-testid="vehicle-status"
    >
      {status !== "available" && changedAt
        ? t("statusSince", {
            status: label,
            date: format.dateTime(changedAt, { day: "numeric", month: "short" }),
          })
        : label}
    </Badge>
  );
}
