import { withTenant, type Tenant } from "../db/tenant.ts";
import { validateRecords } from "./import-vehicles.ts";
import { findImportSettings } from "./import-settings.ts";
import { suggestMapping, type InventoryTable } from "./read-inventory-file.ts";

/**
 * What an upload would do, before anything is written: the headers with the mapping (saved for this dealership,
 * else guessed from the header words), the first rows, and every row's errors with its line number.
 */
export async function previewVehicleImport(
  tenant: Tenant,
  table: InventoryTable,
  mapping?: Record<string, string>,
) {
  const settings = await withTenant(tenant.dealershipId, (tx) => findImportSettings(tx));
  const effective = { ...suggestMapping(table.headers, settings?.csvMapping ?? null), ...mapping };
  const { rows, errors, warnings } = validateRecords(table, effective);
  return {
    headers: table.headers,
    mapping: effective,
    rows: table.records.length,
    valid: rows.length,
    sample: table.records.slice(0, 5).map((r) => ({ line: r.line, values: r.values })),
    errors: errors.slice(0, 500),
    warnings: warnings.slice(0, 500),
  };
}
