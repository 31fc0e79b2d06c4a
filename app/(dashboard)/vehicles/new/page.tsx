import { pageMetadata } from "@/i18n/page-metadata";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageInventory } from "@/lib/auth/permissions";
import { toVehicleFormValues } from "@/lib/vehicles/vehicle-form-values";
import { VehicleForm } from "../vehicle-form";

export const generateMetadata = pageMetadata("vehicleNew");

export default async function NewVehiclePage() {
  const session = await requireSession();
  const t = await getTranslations();
  if (!canManageInventory(session.role))
    return <p className="text-muted-foreground text-sm">{t("vehicles.noAccess")}</p>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t("vehicles.form.titleNew")}</h1>
      <VehicleForm values={toVehicleFormValues(null)} />
    </div>
  );
}
