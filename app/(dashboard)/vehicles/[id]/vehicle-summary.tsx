import { getFormatter, getTranslations } from "next-intl/server";
import { VehicleStatusBadge } from "@/components/vehicles/vehicle-status-badge";
import type { Vehicle } from "@/lib/vehicles/find-vehicles";
import { formatRegistrationNumber } from "@/lib/vehicles/registration-number";

/** A sales rep's read-only view of one car. */
export async function VehicleSummary({ vehicle: v }: { vehicle: Vehicle }) {
  const t = await getTranslations("vehicles");
  const format = await getFormatter();
  const rows: [string, React.ReactNode][] = [
    [t("form.status"), <VehicleStatusBadge key="s" status={v.status} changedAt={v.statusChangedAt} />],
    [
      t("form.price"),
      v.priceNok == null
        ? "—"
        : format.number(v.priceNok, { style: "currency", currency: "NOK", maximumFractionDigits: 0 }),
    ],
    [t("form.year"), v.year ?? "—"],
    [t("form.mileage"), v.mileageKm == null ? "—" : `${format.number(v.mileageKm)} km`],
    [t("form.registrationNumber"), formatRegistrationNumber(v.registrationNumber) ?? "—"],
    [t("form.vin"), v.vin ?? "—"],
    [t("form.fuel"), v.fuelType ? t(`fuelType.${v.fuelType}`) : "—"],
    [t("form.transmission"), v.transmission ? t(`transmissionType.${v.transmission}`) : "—"],
    [t("form.drivetrain"), v.drivetrain ? t(`drivetrainType.${v.drivetrain}`) : "—"],
    [t("form.bodyType"), v.bodyType ? t(`bodyType.${v.bodyType}`) : "—"],
    [t("form.color"), v.color ?? "—"],
    [t("form.equipment"), v.equipment.length ? v.equipment.join(", ") : "—"],
    [t("form.description"), v.description ?? "—"],
  ];
  return (
    <dl className="grid max-w-3xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
