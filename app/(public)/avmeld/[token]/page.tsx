import { CheckCircle2, MailX } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { pageMetadata } from "@/i18n/page-metadata";
import { getUnsubscribeState } from "@/lib/suppressions/unsubscribe-by-token";

// The token is a bearer secret: keep the page out of search engines and its URL out of Referer headers.
export async function generateMetadata(): Promise<Metadata> {
  return {
    ...(await pageMetadata("unsubscribe")()),
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

// The footer link of every reply e-mail. GET only shows the button: link scanners fetch every URL in an e-mail,
// so unsubscribing takes the POST (a plain form, works without JavaScript).
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await getUnsubscribeState(token);
  if (!state) notFound();
  const t = await getTranslations("unsubscribe");
  const values = { dealership: state.dealershipName, email: state.maskedEmail };
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md space-y-4 text-center">
        {state.unsubscribed ? (
          <>
            <CheckCircle2 className="text-primary mx-auto size-12" aria-hidden />
            <h1 className="text-2xl font-semibold">{t("doneTitle")}</h1>
            <p role="status" className="text-muted-foreground">
              {t("doneText", values)}
            </p>
          </>
        ) : (
          <>
            <MailX className="text-muted-foreground mx-auto size-12" aria-hidden />
            <h1 className="text-2xl font-semibold">{t("title")}</h1>
            <p className="text-muted-foreground">{t("intro", values)}</p>
            <form method="post" action={`/api/unsubscribe/${encodeURIComponent(token)}`}>
              <Button type="submit" size="lg">
                {t("button")}
              </Button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
