import { getTranslations } from "next-intl/server";
import { Skeleton } from "@/components/ui/skeleton";

// In the (inbox) group so it wraps the inbox only: around /leads/[id] it would stream a 200 before the page can
// answer notFound() (another dealership's lead must be a real 404).
export default async function LeadsLoading() {
  const t = await getTranslations("common");
  return (
    <div className="space-y-4" aria-busy="true">
      <span className="sr-only" role="status">
        {t("loading")}
      </span>
      <Skeleton className="h-8 w-40" />
      <Skeleton className="h-9 w-full max-w-xl" />
      <div className="space-y-2 rounded-lg border p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}
