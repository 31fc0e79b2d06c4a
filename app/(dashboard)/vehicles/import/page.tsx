import { pageMetadata } from "@/i18n/page-metadata";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageInventory } from "@/lib/auth/permissions";
import { findImportRuns } from "@/lib/vehicles/import-settings";
import { VEHICLE_FIELD_NAMES } from "@/lib/vehicles/schemas";
import { ImportRuns } from "./import-runs";
import { ImportWizard } from "./import-wizard";

const FIELD_LABEL_KEY = {
  stock_number: "stockNumber",
  make: "make",
  model: "model",
  variant: "variant",
  year: "year",
  first_registration: "firstRegistration",
  registration_number: "registrationNumber",
  vin: "vin",
  mileage_km: "mileage",
  price_nok: "price",
  fuel_type: "fuel",
  transmission: "transmission",
  drivetrain: "drivetrain",
  body_type: "bodyType",
  seats: "seats",
  range_km: "range",
  towbar: "towbar",
  equipment: "equipment",
  color: "color",
  status: "status",
  listing_url: "listingUrl",
  finn_code: "finnCode",
  image_urls: "imageUrls",
  description: "description",
} as const;

export const generateMetadata = pageMetadata("vehicleImport");

export default async function VehicleImportPage() {
  const session = await requireSession();
  const t = await getTranslations();
  if (!canManageInventory(session.role))
    return <p className="text-muted-foreground text-sm">{t("vehicles.noAccess")}</p>;
  const runs = await findImportRuns(session);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("vehicleImport.title")}</h1>
        <p className="text-muted-foreground max-w-3xl text-sm">{t("vehicleImport.subtitle")}</p>
      </div>
      <ImportWizard
        fields={VEHICLE_FIELD_NAMES.map((f) => ({
          value: f,
          label: t(`vehicles.form.${FIELD_LABEL_KEY[f]}`),
        }))}
      />
      <ImportRuns runs={runs} />
    </div>
  );
}
