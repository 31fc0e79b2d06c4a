import { getTranslations } from "next-intl/server";
import type { ProfileValues } from "./dealership-profile-form";

/** The profile read-only, for managers and reps: they answer customers and need the service desk's number. */
export async function DealershipProfileSummary({
  values,
  logoUrl,
}: {
  values: ProfileValues;
  logoUrl: string | null;
}) {
  const t = await getTranslations("dealershipProfile");
  const rows = (
    [
      "name",
      "legalName",
      "orgNumber",
      "address",
      "postalCode",
      "city",
      "phone",
      "email",
      "website",
      "timezone",
      "serviceEmail",
      "servicePhone",
      "emailSignature",
    ] as const
  ).map((key) => [key, values[key]] as const);
  return (
    <div className="grid gap-4" data-testid="dealership-profile-summary">
      <p className="text-muted-foreground text-sm">{t("readOnly")}</p>
      {logoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- our own public logo URL, already sized
        <img src={logoUrl} alt={t("logoAlt", { name: values.name })} className="max-h-16 max-w-60" />
      ) : null}
      <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-muted-foreground">{t(key)}</dt>
            <dd className={value ? "break-words whitespace-pre-line" : "text-muted-foreground"}>
              {value || t("notSet")}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
