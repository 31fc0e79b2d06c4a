import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { InterestedLead } from "@/lib/vehicles/interested-leads";

/** The leads that asked about the car (the target of the list's "3 leads" link). */
export async function InterestedLeads({ leads }: { leads: InterestedLead[] }) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <section id="leads" className="space-y-2">
      <h2 className="text-lg font-semibold">{t("vehicles.form.interestedLeads")}</h2>
      {leads.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t("vehicles.form.noLeads")}</p>
      ) : (
        <ul className="divide-y rounded-lg border" data-testid="interested-leads">
          {leads.map((lead) => (
            <li key={lead.id} className="flex justify-between gap-4 px-3 py-2 text-sm">
              <Link href={`/leads/${lead.id}`} className="font-medium underline">
                {lead.customer_name ?? "—"}
              </Link>
              <span className="text-muted-foreground">
                {t(`status.${lead.status}`)} ·{" "}
                {format.dateTime(new Date(lead.created_at), { dateStyle: "medium" })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
