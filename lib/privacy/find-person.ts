import { sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "../db/tenant.ts";
import { normaliseEmail, normalisePhone } from "../leads/normalise-contact.ts";
import type { PersonalDataTable } from "./personal-data-tables.ts";

/** Who a privacy request is about: one e-mail address or one phone number, in any spelling. */
export type PersonQuery = { email?: string | null; phone?: string | null };

/**
 * Everything that identifies the person inside one dealership: the leads with their e-mail or phone (followed one
 * step, so a lead with the same e-mail but another phone brings that phone along), and every spelling of their
 * addresses and names those leads hold. `pattern` is a case-insensitive regular expression matching any of them.
 */
export type Person = {
  leadIds: string[];
  emails: string[];
  phones: string[];
  names: string[];
  pattern: string | null;
};

export async function findPerson(tx: TenantTx, query: PersonQuery): Promise<Person> {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const email = normaliseEmail(query.email);
  const phone = normalisePhone(query.phone);
  if (email) emails.add(email);
  if (phone) phones.add(phone);
  let rows: LeadContact[] = [];
  for (let round = 0; round < 2; round++) {
    rows = await selectLeadContacts(tx, [...emails], [...phones]);
    for (const row of rows) {
      if (row.email_normalized) emails.add(row.email_normalized);
      if (row.phone_normalized) phones.add(row.phone_normalized);
    }
  }
  const spellings = new Set<string>([...emails, ...phones]);
  for (const p of phones) if (p.startsWith("+47")) spellings.add(p.slice(3));
  const names = new Set<string>();
  for (const row of rows) {
    if (row.customer_email) spellings.add(row.customer_email.trim());
    if (row.customer_phone) spellings.add(row.customer_phone.trim());
    const name = row.customer_name?.trim();
    if (name && name.length >= 3) names.add(name);
  }
  const identifiers = [...spellings, ...names].filter((s) => s.length >= 3);
  return {
    leadIds: rows.map((r) => r.id),
    emails: [...emails],
    phones: [...phones],
    names: [...names],
    pattern: identifiers.length ? identifiers.map(escapeRegex).join("|") : null,
  };
}

type LeadContact = {
  id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  email_normalized: string | null;
  phone_normalized: string | null;
};

async function selectLeadContacts(tx: TenantTx, emails: string[], phones: string[]): Promise<LeadContact[]> {
  if (emails.length === 0 && phones.length === 0) return [];
  const result = await tx.execute<LeadContact>(sql`
    select id, customer_name, customer_email, customer_phone, email_normalized, phone_normalized
    from leads
    where dealership_id = ${tx.dealershipId}
      and (email_normalized in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
        or phone_normalized in (select jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb)))
    order by created_at`);
  return result.rows;
}

/** The text as a literal inside a Postgres regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The rows of `entry` about the person in the transaction's dealership, as a WHERE condition; null when none can be. */
export function personCondition(tx: TenantTx, entry: PersonalDataTable, person: Person): SQL | null {
  const matches: SQL[] = [];
  const { leadColumn, leadExpr, addressColumns = [], textColumns = [] } = entry.find;
  const leadIds = JSON.stringify(person.leadIds);
  if (leadExpr && person.leadIds.length > 0)
    matches.push(sql`(${sql.raw(leadExpr)}) in (select jsonb_array_elements_text(${leadIds}::jsonb))`);
  if (leadColumn && person.leadIds.length > 0)
    matches.push(
      sql`${sql.identifier(leadColumn)} in (select value::uuid from jsonb_array_elements_text(${leadIds}::jsonb))`,
    );
  const addresses = [...person.emails, ...person.phones];
  if (addresses.length > 0)
    for (const column of addressColumns)
      matches.push(
        sql`lower(${sql.identifier(column)}) in (select jsonb_array_elements_text(${JSON.stringify(addresses)}::jsonb))`,
      );
  if (person.pattern)
    for (const column of textColumns) matches.push(sql`${sql.identifier(column)}::text ~* ${person.pattern}`);
  if (matches.length === 0) return null;
  const tenant = entry.tenantExpr
    ? sql`(${sql.raw(entry.tenantExpr)}) = ${tx.dealershipId}`
    : sql`dealership_id = ${tx.dealershipId}::uuid`;
  return sql`${tenant} and (${sql.join(matches, sql` or `)})`;
}

/** `schema.table` or `table` as a quoted SQL name (the names come from the registry, never from input). */
export function tableName(entry: PersonalDataTable): SQL {
  const [schema, table] = entry.table.includes(".") ? entry.table.split(".") : [null, entry.table];
  return schema ? sql`${sql.identifier(schema)}.${sql.identifier(table!)}` : sql`${sql.identifier(table!)}`;
}
