import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/get-session";
import { findAllVehicles } from "@/lib/vehicles/find-vehicles";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("vehicles");
const STATUS_KEY = { available: "statusAvailable", reserved: "statusReserved", sold: "statusSold" } as const;

export default async function VehiclesPage() {
  const session = await requireSession();
  const rows = await findAllVehicles(session);
  const t = await getTranslations("vehicles");
  const format = await getFormatter();
  const inStock = rows.filter((v) => v.status !== "sold").length;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-muted-foreground text-sm">{t("subtitle", { count: inStock })}</p>
      </div>
      {rows.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">
          {t("empty")}
        </p>
      ) : (
        <div className="rounded-lg border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("vehicle")}</TableHead>
                <TableHead>{t("year")}</TableHead>
                <TableHead>{t("fuel")}</TableHead>
                <TableHead className="text-right">{t("mileage")}</TableHead>
                <TableHead className="text-right">{t("price")}</TableHead>
                <TableHead>{t("status")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((v) => (
                <TableRow key={v.id} id={`vehicle-${v.id}`} className="target:bg-amber-50">
                  <TableCell>
                    <div className="font-medium">
                      {v.make} {v.model}
                    </div>
                    <div className="text-muted-foreground text-xs">
                      {[v.variant, v.registrationNumber].filter(Boolean).join(" · ")}
                    </div>
                  </TableCell>
                  <TableCell>{v.year ?? "—"}</TableCell>
                  <TableCell>{v.fuelType ?? "—"}</TableCell>
                  <TableCell className="text-right">
                    {v.mileageKm == null ? "—" : `${format.number(v.mileageKm)} km`}
                  </TableCell>
                  <TableCell className="text-right">
                    {v.priceNok == null
                      ? "—"
                      : format.number(v.priceNok, {
                          style: "currency",
                          currency: "NOK",
                          maximumFractionDigits: 0,
                        })}
                  </TableCell>
                  <TableCell>
                    <Badge
                      variant={
                        v.status === "available" ? "success" : v.status === "reserved" ? "warning" : "outline"
                      }
                    >
                      {t(STATUS_KEY[v.status])}
                    </Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
}
