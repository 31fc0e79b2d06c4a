import { getTranslations } from "next-intl/server";

const FIELDS = [
  "name",
  "email",
  "phone",
  "vehicleInterest",
  "message",
  "urgency",
  "source",
  "sourceUrl",
  "externalId",
] as const;

/** What the parser or classifier read out of the e-mail, field by field. */
export async function ExtractedFacts({ data }: { data: Record<string, unknown> }) {
  const t = await getTranslations("emails");
  const rows = FIELDS.filter(
    (field) => data[field] !== null && data[field] !== undefined && data[field] !== "",
  );
  return (
    <dl className="grid gap-2 text-sm" data-testid="email-extracted">
      {rows.map((field) => (
        <div key={field}>
          <dt className="text-muted-foreground">{t(`fields.${field}`)}</dt>
          <dd className="break-words whitespace-pre-wrap" data-field={field}>
            {field === "urgency" && typeof data.urgency === "string" && t.has(`urgencies.${data.urgency}`)
              ? t(`urgencies.${data.urgency}`)
              : String(data[field])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
