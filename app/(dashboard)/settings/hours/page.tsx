import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageBusinessHours } from "@/lib/auth/permissions";
import { getBusinessHoursSettings } from "@/lib/business-hours/get-business-hours-settings";
import { BusinessHoursForm } from "./business-hours-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("businessHours");

export default async function BusinessHoursPage() {
  const session = await requireSession();
  const t = await getTranslations("businessHours");
  if (!canManageBusinessHours(session.role))
    return <p className="text-muted-foreground text-sm">{t("noAccess")}</p>;
  const settings = await getBusinessHoursSettings(session);
  return (
    <div className="space-y-2">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro", { timeZone: settings.timeZone })}</p>
      <BusinessHoursForm
        weekly={settings.weekly}
        specialDays={settings.specialDays}
        observePublicHolidays={settings.observePublicHolidays}
        comingHolidays={settings.comingHolidays}
      />
    </div>
  );
}
