import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { requireSession } from "@/lib/auth/get-session";
import { canManageInventory } from "@/lib/auth/permissions";
import { findVehicleList } from "@/lib/vehicles/find-vehicle-list";
import { parseVehicleParams } from "@/lib/vehicles/parse-vehicle-params";
import { pageMetadata } from "@/i18n/page-metadata";
import { VehicleFilters } from "./vehicle-filters";
import { VehiclePagination } from "./vehicle-pagination";
import { VehiclesTable } from "./vehicles-table";

export const generateMetadata = pageMetadata("vehicles");

export default async function VehiclesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  const { params, filter } = parseVehicleParams(await searchParams);
  const list = await findVehicleList(session, filter);
  const t = await getTranslations("vehicles");
  const canEdit = canManageInventory(session.role);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-muted-foreground text-sm" data-testid="vehicles-total">
            {t("subtitleFiltered", { count: list.total })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href="/api/vehicles/export" prefetch={false} download>
              {t("export")}
            </Link>
          </Button>
          {canEdit ? (
            <>
              <Button asChild variant="outline" size="sm">
                <Link href="/vehicles/feed">{t("feed")}</Link>
              </Button>
              <Button asChild variant="outline" size="sm">
                <Link href="/vehicles/import">{t("import")}</Link>
              </Button>
              <Button asChild size="sm">
                <Link href="/vehicles/new">{t("add")}</Link>
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <VehicleFilters params={params} />
      <VehiclesTable rows={list.vehicles} canEdit={canEdit} />
      <VehiclePagination params={params} page={list.page} pages={list.pages} />
    </div>
  );
}
