import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { VEHICLE_BODY_TYPES, VEHICLE_FUELS, VEHICLE_STATUSES } from "@/db/schema/enums";
import { NativeSelect } from "@/components/vehicles/native-select";
import { VEHICLE_SORTS, type VehicleParams } from "@/lib/vehicles/parse-vehicle-params";

const STATUS_KEY = { available: "statusAvailable", reserved: "statusReserved", sold: "statusSold" } as const;
const SORT_KEY = {
  default: "sortDefault",
  "-price": "sortPriceDesc",
  price: "sortPriceAsc",
  "-year": "sortYearDesc",
  year: "sortYearAsc",
  mileage: "sortMileageAsc",
  "-updated": "sortUpdatedDesc",
} as const;

/** Search, filters and sort as a plain GET form: works without JavaScript and keeps the state in the URL. */
export async function VehicleFilters({ params }: { params: VehicleParams }) {
  const t = await getTranslations("vehicles");
  return (
    <form method="get" action="/vehicles" className="flex flex-wrap items-end gap-2" role="search">
      <label className="grid min-w-48 flex-1 gap-1 text-sm">
        <span>{t("search")}</span>
        <Input name="q" type="search" defaultValue={params.q ?? ""} placeholder={t("searchPlaceholder")} />
      </label>
      <NativeSelect name="status" label={t("status")} defaultValue={params.status ?? ""}>
        <option value="">{t("allStatuses")}</option>
        {VEHICLE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(STATUS_KEY[s])}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect name="fuel" label={t("fuel")} defaultValue={params.fuel ?? ""}>
        <option value="">{t("allFuels")}</option>
        {VEHICLE_FUELS.map((f) => (
          <option key={f} value={f}>
            {t(`fuelType.${f}`)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect name="body" label={t("form.bodyType")} defaultValue={params.body ?? ""}>
        <option value="">{t("allBodyTypes")}</option>
        {VEHICLE_BODY_TYPES.map((b) => (
          <option key={b} value={b}>
            {t(`bodyType.${b}`)}
          </option>
        ))}
      </NativeSelect>
      <label className="grid w-28 gap-1 text-sm">
        <span>{t("priceMin")}</span>
        <Input name="min" type="number" min={0} step={1000} defaultValue={params.min ?? ""} />
      </label>
      <label className="grid w-28 gap-1 text-sm">
        <span>{t("priceMax")}</span>
        <Input name="max" type="number" min={0} step={1000} defaultValue={params.max ?? ""} />
      </label>
      <NativeSelect name="sort" label={t("sort")} defaultValue={params.sort ?? "default"}>
        {VEHICLE_SORTS.map((s) => (
          <option key={s} value={s}>
            {t(SORT_KEY[s])}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm">
        {t("filter")}
      </Button>
      <Button asChild variant="ghost" size="sm">
        <Link href="/vehicles">{t("reset")}</Link>
      </Button>
    </form>
  );
}
