import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getWithdrawnVehiclesOfLead } from "@/lib/vehicles/interested-leads";

/** On an open lead: the car the customer asked about is sold or reserved, so nobody offers it as available. */
export async function WithdrawnVehicleNotice({
  tenant,
  leadId,
}: {
  tenant: { dealershipId: string };
  leadId: string;
}) {
  const withdrawn = await getWithdrawnVehiclesOfLead(tenant, leadId);
  if (withdrawn.length === 0) return null;
  const t = await getTranslations("vehicles");
  return (
    <div
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="vehicle-sold-notice"
    >
      {withdrawn.map((w) => (
        <p key={w.vehicleId}>
          <strong>{w.status === "sold" ? t("soldFlag") : t("reservedFlag")}</strong>
          {" – "}
          <Link href={`/vehicles/${w.vehicleId}`} className="underline">
            {w.status === "sold"
              ? t("soldFlagDetail", { name: w.name })
              : t("reservedFlagDetail", { name: w.name })}
          </Link>
        </p>
      ))}
    </div>
  );
}
