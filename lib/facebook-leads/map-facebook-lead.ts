import type { GraphLead } from "../integrations/meta-graph/meta-graph.ts";
import type { IngestLeadInput } from "../leads/schemas.ts";

const NAME_FIELDS = ["full_name", "name"];
const EMAIL_FIELDS = ["email", "work_email"];
const PHONE_FIELDS = ["phone_number", "phone", "work_phone_number"];
const VEHICLE_FIELDS = [
  "vehicle_interest",
  "which_car",
  "vehicle",
  "car_model",
  "model",
  "bil",
  "hvilken_bil",
];
// Standard questions whose answers are not a message; utm_* are the form's tracking parameters.
const NOT_A_QUESTION = new Set([
  ...NAME_FIELDS,
  ...EMAIL_FIELDS,
  ...PHONE_FIELDS,
  ...VEHICLE_FIELDS,
  "first_name",
  "last_name",
]);

// Meta's Lead Ads Testing Tool fills every field with "<test lead: dummy data for …>" and the e-mail with
// test@fb.com (older) or test@meta.com; the Lead object has no is_test flag (integrations.md §3).
const TEST_PLACEHOLDER = /^<test lead:/i;
const TEST_EMAILS = new Set(["test@fb.com", "test@meta.com"]);

export type MappedFacebookLead = { input: IngestLeadInput; isTest: boolean; missingFields: string[] };

/** Graph lead → ingestLead input (PRD US-2.3 field mapping). Pure: the page and ids come from the caller. */
export function mapFacebookLead(lead: GraphLead, page: { pageId: string; name: string }): MappedFacebookLead {
  const answers = new Map<string, string>();
  for (const field of lead.field_data ?? []) {
    const value = (field.values ?? [])
      .map((v) => String(v).trim())
      .filter(Boolean)
      .join(", ");
    if (value) answers.set(field.name.toLowerCase(), value);
  }
  const isTest =
    [...answers.values()].some((v) => TEST_PLACEHOLDER.test(v)) ||
    EMAIL_FIELDS.some((f) => TEST_EMAILS.has(answers.get(f)?.toLowerCase() ?? ""));
  // A placeholder is no contact detail (the phone one is not even a number); keep it in the raw field data only.
  const pick = (names: string[]) => {
    for (const name of names) {
      const value = answers.get(name);
      if (value && !TEST_PLACEHOLDER.test(value)) return value;
    }
    return undefined;
  };
  const splitName = [pick(["first_name"]), pick(["last_name"])].filter(Boolean).join(" ");
  const name = pick(NAME_FIELDS) ?? (splitName || undefined);
  const email = pick(EMAIL_FIELDS);
  const phone = pick(PHONE_FIELDS);
  const questions = [...answers]
    .filter(
      ([key, value]) => !NOT_A_QUESTION.has(key) && !key.startsWith("utm_") && !TEST_PLACEHOLDER.test(value),
    )
    .map(([key, value]) => `${humaniseQuestion(key)}: ${value}`);
  const missingFields = [
    ...(name ? [] : ["full_name"]),
    ...(email ? [] : ["email"]),
    ...(phone ? [] : ["phone_number"]),
  ];
  return {
    isTest,
    missingFields,
    input: {
      source: "facebook",
      name,
      email: email && isEmailLike(email) ? email : undefined,
      phone,
      vehicleInterest: pick(VEHICLE_FIELDS),
      message: questions.length ? questions.join("\n") : undefined,
      externalId: lead.id,
      isTest,
      ...mapConsent(lead),
      metadata: {
        facebook: {
          leadgenId: lead.id,
          pageId: page.pageId,
          pageName: page.name,
          formId: lead.form_id ?? null,
          adId: lead.ad_id ?? null,
          adName: lead.ad_name ?? null,
          adsetId: lead.adset_id ?? null,
          campaignId: lead.campaign_id ?? null,
          campaignName: lead.campaign_name ?? null,
          isOrganic: lead.is_organic ?? null,
          platform: lead.platform ?? null,
          createdTime: lead.created_time ?? null,
          fieldData: lead.field_data ?? [],
        },
      },
    },
  };
}

/** "hvor_mye_kjorer_du?" → "Hvor mye kjorer du?": custom question keys are snake_case of the question text. */
function humaniseQuestion(key: string): string {
  const text = key.replace(/_/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isEmailLike(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/**
 * Meta's custom disclaimer: each consent checkbox and whether it was ticked. A ticked checkbox is marketing consent;
 * the checkbox keys (and the form id, which fixes the disclaimer text Meta showed) are kept as what was agreed to.
 */
function mapConsent(
  lead: GraphLead,
): Pick<IngestLeadInput, "consentMarketing" | "consentText" | "consentVersion"> {
  const checked = (lead.custom_disclaimer_responses ?? []).filter(
    (r) => r.is_checked === true || r.is_checked === "1" || r.is_checked === "true",
  );
  if (checked.length === 0) return {};
  return {
    consentMarketing: true,
    consentText: `Meta Lead Ads: ${checked.map((r) => r.checkbox_key ?? "consent").join(", ")}`,
    consentVersion: lead.form_id ? `facebook-form:${lead.form_id}` : undefined,
  };
}
