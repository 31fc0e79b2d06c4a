import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { verifyEmail } from "@/lib/auth/password-reset";

export const metadata = { title: "Bekreft e-post" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("auth");
  const verified = await verifyEmail((await params).token);
  return (
    <div className="grid gap-4">
      <p role={verified ? "status" : "alert"} className="text-sm">
        {verified ? t("verifyOk") : t("verifyFailed")}
      </p>
      <Link className="text-primary text-sm underline" href="/leads">
        {t("toDashboard")}
      </Link>
    </div>
  );
}
