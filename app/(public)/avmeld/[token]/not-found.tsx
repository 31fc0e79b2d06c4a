import { Link2Off } from "lucide-react";
import { getTranslations } from "next-intl/server";

// A forged, cut-off or outdated unsubscribe link: a 404 (nothing here for scanners) that a person understands.
export default async function UnsubscribeLinkNotFound() {
  const t = await getTranslations("unsubscribe");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <Link2Off className="text-muted-foreground mx-auto size-12" aria-hidden />
        <h1 className="text-2xl font-semibold">{t("invalidTitle")}</h1>
        <p role="alert" className="text-muted-foreground">
          {t("invalidText")}
        </p>
      </div>
    </main>
  );
}
