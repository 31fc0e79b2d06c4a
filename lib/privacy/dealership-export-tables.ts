/**
 * What the admin's dealership-wide export holds (GDPR art. 20 for the dealership as controller; moving to another
 * system): each table as `<table>.csv` and `<table>.json` in the zip. Every table here has an `id` uuid (the
 * keyset the job pages by) and a `dealership_id`. Raw e-mail bytes and sealed secrets stay out.
 */
export type DealershipExportTable = { table: string; omit?: string[] };

export const DEALERSHIP_EXPORT_TABLES: readonly DealershipExportTable[] = [
  { table: "leads" },
  { table: "conversations" },
  { table: "notes" },
  { table: "lead_events" },
  { table: "lead_status_history" },
  { table: "lead_tasks" },
  { table: "follow_ups" },
  { table: "inbound_sms" },
  { table: "emails", omit: ["raw"] },
  { table: "outbox_messages" },
  { table: "vehicles" },
];
