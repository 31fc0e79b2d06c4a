import { pageMetadata } from "@/i18n/page-metadata";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageInventory } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/vehicles/is-uuid";
import { getVehicleById } from "@/lib/vehicles/get-vehicle-by-id";
import { findInterestedLeads } from "@/lib/vehicles/interested-leads";
import { toVehicleFormValues } from "@/lib/vehicles/vehicle-form-values";
import { VehicleForm } from "../vehicle-form";
import { InterestedLeads } from "./interested-leads";
import { VehicleSummary } from "./vehicle-summary";
import { VehicleStatusControls } from "./vehicle-status-controls";

export const generateMetadata = pageMetadata("vehicle");

export default async function VehiclePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  const vehicle = isUuid(id) ? await getVehicleById(session, id) : null;
  if (!vehicle || vehicle.deletedAt) notFound();
  const leads = await findInterestedLeads(session, vehicle.id);
  const t = await getTranslations("vehicles");
  const name = [vehicle.make, vehicle.model, vehicle.variant].filter(Boolean).join(" ");
  const canEdit = canManageInventory(session.role);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">
        {canEdit ? t("form.titleEdit", { name }) : name}
      </h1>
      {canEdit ? (
        <>
          <VehicleStatusControls id={vehicle.id} status={vehicle.status} />
          <VehicleForm id={vehicle.id} values={toVehicleFormValues(vehicle)} />
        </>
      ) : (
        <VehicleSummary vehicle={vehicle} />
      )}
      <InterestedLeads leads={leads} />
    </div>
  );
}
