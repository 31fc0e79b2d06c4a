"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { deleteVehicleAction, setVehicleStatusAction } from "../actions";

/** One click to sell, reserve or free a car (stamps the date), and the soft delete. */
export function VehicleStatusControls({
  id,
  status,
}: {
  id: string;
  status: "available" | "reserved" | "sold";
}) {
  const t = useTranslations("vehicles.form");
  return (
    <div className="flex flex-wrap gap-2" data-testid="vehicle-status-controls">
      {status !== "sold" ? (
        <ActionButton
          action={setVehicleStatusAction}
          input={{ id, status: "sold" }}
          label={t("markSold")}
          successText={t("statusChanged")}
        />
      ) : null}
      {status !== "reserved" ? (
        <ActionButton
          action={setVehicleStatusAction}
          input={{ id, status: "reserved" }}
          label={t("markReserved")}
          variant="outline"
          successText={t("statusChanged")}
        />
      ) : null}
      {status !== "available" ? (
        <ActionButton
          action={setVehicleStatusAction}
          input={{ id, status: "available" }}
          label={t("markAvailable")}
          variant="outline"
          successText={t("statusChanged")}
        />
      ) : null}
      <ActionButton
        action={deleteVehicleAction}
        input={{ id }}
        label={t("delete")}
        variant="destructive"
        confirmText={t("deleteConfirm")}
      />
    </div>
  );
}
