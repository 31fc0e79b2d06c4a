import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { describeTime } from "@/lib/responder/compose-built-in-reply";
import { readLead } from "@/lib/responder/read-lead";

/**
 * What the customer wants, read from their message the way the responders read it (issue 17): the intents in
 * their order with the requested times ("Vil bli ringt i kveld etter kl. 18", "Spør om innbytte") and what they
 * search for. Self-contained: give it the lead's interest field and first message.
 */
export async function LeadWants({
  vehicleInterest,
  message,
}: {
  vehicleInterest: string | null;
  message: string | null;
}) {
  if (!vehicleInterest?.trim() && !message?.trim()) return null;
  const t = await getTranslations("leadFacts");
  const format = await getFormatter();
  const lang = (await getLocale()) === "en" ? "en" : "nb";
  const facts = readLead({ vehicleInterest, message });
  const wants = facts.intents
    .filter((intent) => intent !== "browse")
    .map((intent) => {
      const time =
        intent === "callback" && facts.callback
          ? describeTime(facts.callback, lang)
          : intent === "test_drive" && facts.testDrive
            ? describeTime(facts.testDrive, lang)
            : null;
      return time ? t(`timed.${intent}`, { when: time }) : t(`intent.${intent}`);
    });
  const c = facts.criteria;
  const money = (n: number) =>
    format.number(n, { style: "currency", currency: "NOK", maximumFractionDigits: 0 });
  const criteria = [
    c.namedCar,
    ...c.fuels.map((f) => t(`fuel.${f}`)),
    ...c.bodyTypes.map((b) => t(`body.${b}`)),
    c.family ? t("family") : null,
    c.drivetrain ? t(`drivetrain.${c.drivetrain}`) : null,
    c.towbar ? t("towbar") : null,
    c.seatsMin != null ? t("seats", { seats: c.seatsMin }) : null,
    c.rangeMinKm != null ? t("range", { km: c.rangeMinKm }) : c.rangeImportant ? t("rangeImportant") : null,
    c.budgetMax != null ? t("budgetMax", { amount: money(c.budgetMax) }) : null,
    c.budgetMin != null ? t("budgetMin", { amount: money(c.budgetMin) }) : null,
    c.yearMin != null ? t("yearMin", { year: c.yearMin }) : null,
    c.mileageMaxKm != null ? t("mileageMax", { km: format.number(c.mileageMaxKm) }) : null,
    c.transmission ? t(`transmission.${c.transmission}`) : null,
  ].filter((x): x is string => Boolean(x));
  if (wants.length === 0 && criteria.length === 0 && facts.language === "nb") return null;
  return (
    <Card data-testid="lead-wants">
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {wants.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label={t("wantsLabel")}>
            {wants.map((want) => (
              <li key={want} className="bg-muted rounded-md px-2 py-1 font-medium break-words">
                {want}
              </li>
            ))}
          </ul>
        ) : null}
        {criteria.length > 0 ? (
          <p className="break-words">
            <span className="text-muted-foreground">{t("lookingFor")}: </span>
            {criteria.join(", ")}
          </p>
        ) : null}
        {facts.language !== "nb" ? (
          <p className="text-muted-foreground">{t(`language.${facts.language}`)}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
