/**
 * Every table that can hold something about a customer, and what erasing and exporting a person does to it. The
 * eraser (erase-person.ts), the exporter (export-person.ts) and retention (anonymise-stale-leads.ts) all walk this
 * one list in order; tests/architecture/personal-data-registry.test.ts fails when a table in the database is in
 * neither this list nor TABLES_WITHOUT_CUSTOMER_DATA, and when a table with a `lead_id` is not in this list.
 *
 * Registering a new table is one line, e.g. a table of follow-ups keyed by lead:
 *   { table: "lead_follow_ups", find: { leadColumn: "lead_id" }, erase: { kind: "delete" } },
 * or, when a row must stay for the figures, `erase: { kind: "anonymise", set: { body: "null" } }`.
 */

/**
 * What anonymising does to a column: null it, empty it, stamp it, or replace the person's identifiers inside it
 * (`scrub` for text, `scrub-json` for jsonb: the JSON keeps its shape).
 */
export type ColumnScrub =
  "null" | "empty-text" | "empty-json" | "empty-json-array" | "scrub" | "scrub-json" | "now" | "now-if-null";

export type EraseRule =
  | { kind: "delete" }
  | { kind: "anonymise"; set: Record<string, ColumnScrub> }
  /** The rows stay as they are: `why` says why that is no personal data (or is what stops contact). */
  | { kind: "keep"; why: string };

export type PersonalDataTable = {
  /** The SQL name, schema-qualified outside public (`pgboss.job`). */
  table: string;
  /** How the rows about a person are found; any of them matches. */
  find: {
    /** A column holding the id of one of the person's leads. */
    leadColumn?: string;
    /** Or an SQL expression giving a lead id as text (a job payload's `data->>'leadId'`). */
    leadExpr?: string;
    /** Columns holding an e-mail address or phone number, compared normalised (lower case / E.164). */
    addressColumns?: string[];
    /** Free-text or JSON columns searched for the person's e-mail, phone or name. */
    textColumns?: string[];
  };
  erase: EraseRule;
  /** SQL giving the row's dealership (default `dealership_id`): every statement filters by the tenant. */
  tenantExpr?: string;
  /** Extra condition for erasing (e.g. only jobs not running). */
  eraseWhere?: string;
  /** Columns left out of the export (raw bytes, secrets). */
  exportOmit?: string[];
  /** False for tables whose rows are no data about the person (search index, job queue). */
  exported?: boolean;
};

export const PERSONAL_DATA_TABLES: readonly PersonalDataTable[] = [
  // Queued work first, so no job wakes up mid-erase and writes to the person again.
  {
    table: "pgboss.job",
    find: { leadExpr: "data->>'leadId'", textColumns: ["data"] },
    erase: { kind: "delete" },
    tenantExpr: "data->>'dealershipId'",
    eraseWhere: "state <> 'active'",
    exported: false,
  },
  {
    table: "outbox_messages",
    find: { leadColumn: "lead_id", addressColumns: ["to_address"] },
    erase: { kind: "delete" },
  },
  {
    table: "emails",
    find: { leadColumn: "lead_id", addressColumns: ["from_email"] },
    erase: { kind: "delete" },
    exportOmit: ["raw"],
  },
  {
    table: "webhook_requests",
    find: { leadColumn: "lead_id", textColumns: ["request_body"] },
    erase: { kind: "delete" },
  },
  { table: "notes", find: { leadColumn: "lead_id" }, erase: { kind: "delete" } },
  {
    table: "conversations",
    find: { leadColumn: "lead_id" },
    // The rows stay (the figures count messages, drafts and first contacts); what was said goes.
    erase: {
      kind: "anonymise",
      set: {
        message_content: "empty-text",
        subject: "null",
        sender: "null",
        metadata: "empty-json",
        delivery_error: "null",
      },
    },
  },
  {
    table: "lead_events",
    find: { leadColumn: "lead_id" },
    // Event data keeps its keys (the figures read `edited`, `fallbackReason`); identifiers inside are replaced.
    erase: { kind: "anonymise", set: { data: "scrub-json" } },
  },
  {
    table: "lead_status_history",
    find: { leadColumn: "lead_id" },
    erase: { kind: "anonymise", set: { reason: "scrub" } },
  },
  {
    table: "inbound_sms",
    find: { leadColumn: "lead_id", addressColumns: ["from_number"], textColumns: ["body"] },
    // The row stays with its MessageSid, so a late Twilio retry of an erased person's text is still a duplicate.
    erase: {
      kind: "anonymise",
      set: { from_number: "empty-text", body: "empty-text", media: "empty-json-array" },
    },
  },
  {
    table: "follow_ups",
    find: { leadColumn: "lead_id" },
    // Deleted, not kept: a planned follow-up to an erased person must never go out (the sender finds no row).
    erase: { kind: "delete" },
  },
  {
    table: "lead_tasks",
    find: { leadColumn: "lead_id" },
    // Open tasks are closed: nobody should be reminded to call a person who asked to be forgotten.
    erase: { kind: "anonymise", set: { note: "null", done_at: "now-if-null" } },
  },
  {
    table: "leads",
    find: { leadColumn: "id" },
    erase: {
      kind: "anonymise",
      set: {
        customer_name: "null",
        customer_email: "null",
        customer_phone: "null",
        email_normalized: "null",
        phone_normalized: "null",
        source_url: "null",
        source_metadata: "empty-json",
        external_id: "null",
        initial_message: "null",
        vehicle_interest: "scrub",
        review_reason: "scrub",
        anonymised_at: "now",
      },
    },
  },
  // After the leads update: its triggers rebuild the contact terms from the (now empty) name and e-mail.
  { table: "lead_search_terms", find: { leadColumn: "lead_id" }, erase: { kind: "delete" }, exported: false },
  {
    table: "lead_message_terms",
    find: { leadColumn: "lead_id" },
    erase: { kind: "delete" },
    exported: false,
  },
  {
    table: "lead_reads",
    find: { leadColumn: "lead_id" },
    erase: { kind: "keep", why: "which user opened the lead when: about the staff, not the customer" },
  },
  {
    table: "llm_calls",
    find: { leadColumn: "lead_id" },
    erase: { kind: "keep", why: "model, tokens and latency only; the lead id points at the anonymised lead" },
  },
  {
    table: "facebook_lead_deliveries",
    find: { leadColumn: "lead_id" },
    erase: {
      kind: "keep",
      why: "Meta's ids only (no answers); the leadgen id keeps a re-delivery from re-creating the erased lead",
    },
  },
  {
    table: "suppressions",
    find: { leadColumn: "lead_id" },
    erase: {
      kind: "keep",
      why: "keyed hashes of addresses only; they keep the erased person from being contacted",
    },
  },
  {
    table: "audit_log",
    find: { textColumns: ["data"] },
    erase: { kind: "anonymise", set: { data: "scrub-json" } },
  },
  {
    table: "privacy_requests",
    find: { textColumns: ["subject_sealed"] },
    erase: { kind: "keep", why: "subject is a keyed hash; exports are dropped on download or expiry" },
    exported: false,
  },
];

/**
 * Tables that hold no data about customers, and why. A table here with a `lead_id` column fails the architecture
 * test: it must be registered above instead.
 */
export const TABLES_WITHOUT_CUSTOMER_DATA: Readonly<Record<string, string>> = {
  dealerships: "the dealership's own details",
  dealership_logos: "images",
  users: "staff accounts (their own profile page; deactivation)",
  sessions: "staff sign-ins",
  invitations: "staff invitations (purged 30 days after expiry)",
  auth_tokens: "staff password-reset and verification tokens (hashed)",
  api_keys: "hashed keys",
  rate_limits: "counters per address, purged daily",
  processed_webhook_events: "vendor event ids",
  phone_verifications: "staff phone verification codes (hashed)",
  facebook_pages: "the dealership's Pages and sealed tokens",
  vehicles: "stock",
  vehicle_import_settings: "feed and mapping settings",
  vehicle_import_runs: "import logs of stock rows",
  reply_templates: "the dealership's reply templates",
  worker_heartbeats: "process liveness",
  follow_up_rules: "the dealership's follow-up steps",
};
