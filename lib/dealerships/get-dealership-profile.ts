import type { Tenant } from "../db/tenant.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";
import { getDealership } from "./get-dealership.ts";
import { formatOrgNumber } from "./org-number.ts";
import { supportedTimeZones } from "./schemas.ts";

const FIRST_ZONE = "Europe/Oslo";

/**
 * Settings → Forhandler as the form shows it: every field as text (phones and the org number formatted the way
 * Norwegians write them), the logo URL, and the time zones to choose from with Europe/Oslo first.
 */
export async function getDealershipProfile(tenant: Tenant) {
  const d = await getDealership(tenant);
  if (!d) return null;
  const zones = [...supportedTimeZones()].filter((z) => z !== FIRST_ZONE).sort();
  // A zone stored before this runtime stopped knowing it still shows (and must be changed to save).
  if (!zones.includes(d.timezone) && d.timezone !== FIRST_ZONE) zones.unshift(d.timezone);
  return {
    values: {
      name: d.name,
      legalName: d.legalName ?? "",
      orgNumber: d.orgNumber ? formatOrgNumber(d.orgNumber) : "",
      address: d.address ?? "",
      postalCode: d.postalCode ?? "",
      city: d.city ?? "",
      phone: d.phone ? formatPhoneForDisplay(d.phone) : "",
      email: d.email,
      website: d.website ?? "",
      timezone: d.timezone,
      serviceEmail: d.serviceEmail ?? "",
      servicePhone: d.servicePhone ? formatPhoneForDisplay(d.servicePhone) : "",
      primaryColor: d.branding.primaryColor ?? "",
      emailSignature: d.branding.emailSignature ?? "",
    },
    logoUrl: d.branding.logoUrl ?? null,
    timeZones: [FIRST_ZONE, ...zones],
    formKey: d.formKey,
    aiMode: d.aiMode,
  };
}
