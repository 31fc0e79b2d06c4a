import Papa from "papaparse";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { findVehicles } from "./find-vehicles.ts";
import { formatRegistrationNumber } from "./registration-number.ts";
import { VEHICLE_FIELD_NAMES } from "./schemas.ts";
import { toVehicleJson } from "./vehicle-json.ts";

/**
 * The inventory as CSV with the field names as headers, so the file imports back unchanged. `;` and a BOM: what
 * Excel with Norwegian settings opens without a wizard. Lists are joined with " | ".
 */
export async function exportVehiclesCsv(tenant: Tenant): Promise<string> {
  const cars = await withTenant(tenant.dealershipId, (tx) => findVehicles(tx));
  const rows = cars.map((car) => {
    const j = toVehicleJson(car) as Record<string, unknown>;
    return VEHICLE_FIELD_NAMES.map((f) => {
      const v = f === "registration_number" ? formatRegistrationNumber(car.registrationNumber) : j[f];
      if (Array.isArray(v)) return v.join(f === "image_urls" ? " " : " | ");
      return v == null ? "" : String(v);
    });
  });
  // Formula injection: a cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text.
  const safe = rows.map((r) => r.map((c) => (/^[=+\-@]/.test(c) && !/^-?\d/.test(c) ? `'${c}` : c)));
  return (
    "\uFEFF" +
    Papa.unparse({ fields: [...VEHICLE_FIELD_NAMES], data: safe }, { delimiter: ";", newline: "\r\n" })
  );
}
