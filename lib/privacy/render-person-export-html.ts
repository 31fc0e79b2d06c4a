import type { PersonExport } from "./export-person.ts";

// The summary goes to the customer, in Norwegian like the other customer-facing documents (reply e-mails, the
// /avmeld page); the JSON beside it is the machine-readable copy (art. 20). Headings per registry table.
const TABLE_TITLES: Record<string, string> = {
  leads: "Henvendelser",
  conversations: "Meldinger",
  notes: "Notater",
  lead_events: "Hendelser",
  lead_status_history: "Statusendringer",
  lead_tasks: "Oppgaver",
  follow_ups: "Planlagte oppfølginger",
  inbound_sms: "SMS fra deg",
  emails: "E-poster fra deg",
  outbox_messages: "E-post og SMS sendt til deg",
  webhook_requests: "Innsendte skjema",
  lead_reads: "Når henvendelsen ble åpnet",
  llm_calls: "Bruk av AI (modell og tid)",
  facebook_lead_deliveries: "Facebook-skjema",
  suppressions: "Reservasjoner mot kontakt",
  audit_log: "Revisjonslogg",
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const osloTime = new Intl.DateTimeFormat("nb-NO", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Oslo",
});

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return `<span class="none">—</span>`;
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)))
      return escapeHtml(osloTime.format(new Date(value)));
    return escapeHtml(value);
  }
  if (typeof value === "object") return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  return escapeHtml(String(value));
}

/**
 * A person's export as one self-contained HTML page (no scripts, no external resources) that reads on screen and
 * prints to PDF: who the export is about, then every table's rows as label/value lists. Every value is escaped.
 */
export function renderPersonExportHtml(data: PersonExport, dealershipName: string): string {
  const tables = Object.entries(data.tables);
  const sections = tables
    .map(([table, rows]) => {
      const items = rows
        .map(
          (row) =>
            `<dl>${Object.entries(row)
              .map(
                ([key, value]) => `<dt>${escapeHtml(key.replaceAll("_", " "))}</dt><dd>${cell(value)}</dd>`,
              )
              .join("")}</dl>`,
        )
        .join("");
      return `<section><h2>${escapeHtml(TABLE_TITLES[table] ?? table)} <small>(${rows.length})</small></h2>${items}</section>`;
    })
    .join("");
  const list = (values: string[]) => (values.length ? values.map(escapeHtml).join(", ") : "—");
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dine personopplysninger hos ${escapeHtml(dealershipName)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;background:#fff;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.25rem}
small,.meta,.none{color:#555}dl{display:grid;grid-template-columns:minmax(9rem,14rem) 1fr;gap:.15rem .75rem;margin:0 0 1rem;padding:.75rem;border:1px solid #ddd;border-radius:6px;break-inside:avoid}
dt{font-weight:600;color:#333}dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}pre{margin:0;font-size:.8rem;white-space:pre-wrap}
@media print{body{margin:0;max-width:none}.print-hint{display:none}}
</style></head><body>
<h1>Dine personopplysninger hos ${escapeHtml(dealershipName)}</h1>
<p class="meta">Laget ${escapeHtml(osloTime.format(new Date(data.generated_at)))}. Dette er alt vi har lagret om deg (innsyn etter personvernforordningen art. 15). Den maskinlesbare kopien er JSON-filen som følger med.</p>
<p class="print-hint meta">Vil du ha PDF: bruk nettleserens «Skriv ut» og velg «Lagre som PDF».</p>
<section><h2>Hvem eksporten gjelder</h2><dl>
<dt>E-post</dt><dd>${list(data.subject.emails)}</dd><dt>Telefon</dt><dd>${list(data.subject.phones)}</dd><dt>Navn</dt><dd>${list(data.subject.names)}</dd>
</dl></section>
${tables.length ? sections : "<p>Vi har ingen opplysninger om deg.</p>"}
</body></html>
`;
}
