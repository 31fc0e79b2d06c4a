import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { VehicleStatusBadge } from "@/components/vehicles/vehicle-status-badge";
import type { Vehicle } from "@/lib/vehicles/find-vehicles";
import { formatRegistrationNumber } from "@/lib/vehicles/registration-number";

type Row = Vehicle & { leadCount: number };

export async function VehiclesTable({ rows, canEdit }: { rows: Row[]; canEdit: boolean }) {
  const t = await getTranslations("vehicles");
  const format = await getFormatter();
  if (rows.length === 0)
    return (
      <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">
        {t("empty")}
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("vehicle")}</TableHead>
            <TableHead>{t("year")}</TableHead>
            <TableHead>{t("fuel")}</TableHead>
            <TableHead className="text-right">{t("mileage")}</TableHead>
            <TableHead className="text-right">{t("price")}</TableHead>
            <TableHead>{t("status")}</TableHead>
            <TableHead>{t("leadsColumn")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((v) => (
            <TableRow
              key={v.id}
              id={`vehicle-${v.id}`}
              className="target:bg-amber-50"
              data-testid="vehicle-row"
            >
              <TableCell>
                <Link href={`/vehicles/${v.id}`} className="font-medium underline-offset-2 hover:underline">
                  {v.make} {v.model}
                </Link>
                <div className="text-muted-foreground text-xs">
                  {[
                    v.variant,
                    formatRegistrationNumber(v.registrationNumber),
                    v.stockNumber && `#${v.stockNumber}`,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
              </TableCell>
              <TableCell>{v.year ?? "—"}</TableCell>
              <TableCell>{v.fuelType ? t(`fuelType.${v.fuelType}`) : "—"}</TableCell>
              <TableCell className="text-right whitespace-nowrap">
                {v.mileageKm == null ? "—" : `${format.number(v.mileageKm)} km`}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap" data-testid="vehicle-price">
                {v.priceNok == null
                  ? "—"
                  : format.number(v.priceNok, {
                      style: "currency",
                      currency: "NOK",
                      maximumFractionDigits: 0,
                    })}
              </TableCell>
              <TableCell>
                <VehicleStatusBadge status={v.status} changedAt={v.statusChangedAt} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {v.leadCount > 0 ? (
                  <Link href={`/vehicles/${v.id}#leads`} className="underline" data-testid="vehicle-leads">
                    {t("leads", { count: v.leadCount })}
                  </Link>
                ) : (
                  <span className="text-muted-foreground">{t("leads", { count: 0 })}</span>
                )}
                {canEdit ? (
                  <Link href={`/vehicles/${v.id}`} className="ml-3 text-xs underline">
                    {t("edit")}
                  </Link>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
