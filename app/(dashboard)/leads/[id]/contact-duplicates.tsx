import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { findContactDuplicates } from "@/lib/leads/find-contact-duplicates";

/** The merge suggestion: other leads with this customer's phone or e-mail, linked so the rep can compare. */
export async function ContactDuplicates({
  lead,
}: {
  lead: { id: string; emailNormalized: string | null; phoneNormalized: string | null };
}) {
  const session = await requireSession();
  const duplicates = await findContactDuplicates(session, lead);
  if (duplicates.length === 0) return null;
  const t = await getTranslations("contact");
  const format = await getFormatter();
  return (
    <div
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="contact-duplicates"
    >
      <p className="font-medium">{t("duplicatesTitle", { count: duplicates.length })}</p>
      <ul className="mt-1 space-y-1">
        {duplicates.map((d) => (
          <li key={d.id}>
            <Link href={`/leads/${d.id}`} className="underline">
              {d.customerName ?? t("unnamed")}
            </Link>{" "}
            <span className="text-muted-foreground text-xs">
              · {d.samePhone && d.sameEmail ? t("sameBoth") : d.samePhone ? t("samePhone") : t("sameEmail")} ·{" "}
              {format.dateTime(d.createdAt, { dateStyle: "medium" })}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-muted-foreground mt-1 text-xs">{t("duplicatesHint")}</p>
    </div>
  );
}
