import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { vehiclesHref, type VehicleParams } from "@/lib/vehicles/parse-vehicle-params";

export async function VehiclePagination({
  params,
  page,
  pages,
}: {
  params: VehicleParams;
  page: number;
  pages: number;
}) {
  const t = await getTranslations("vehicles");
  const link = (target: number, label: string, rel: "prev" | "next") =>
    (rel === "prev" ? page <= 1 : page >= pages) ? (
      <Button variant="outline" size="sm" disabled>
        {label}
      </Button>
    ) : (
      <Button asChild variant="outline" size="sm">
        <Link href={vehiclesHref(params, { page: target })} rel={rel}>
          {label}
        </Link>
      </Button>
    );
  return (
    <nav
      aria-label={t("pageOf", { page, pages })}
      className="flex items-center justify-between gap-2 text-sm"
    >
      <span className="text-muted-foreground">{t("pageOf", { page, pages })}</span>
      <div className="flex gap-2">
        {link(page - 1, t("previous"), "prev")}
        {link(page + 1, t("next"), "next")}
      </div>
    </nav>
  );
}
