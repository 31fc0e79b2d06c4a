import { eq, like, or } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { Tx } from "../db/tenant.ts";
import { generateInboundLocalPart } from "../inbound-email/inbound-address.ts";
import { generateFormKey, slugify } from "./generate-form-key.ts";

type NewDealership = Omit<typeof dealerships.$inferInsert, "slug" | "formKey">;

/**
 * Inserts a dealership with a fresh form key, inbound e-mail address and the first free slug of `name`, `name-2`, `name-3`…
 * The insert itself decides (ON CONFLICT on the slug), so two sign-ups with the same name at the same moment
 * both succeed instead of one failing on the unique index.
 */
export async function insertDealership(tx: Tx, values: NewDealership, slugSource: string = values.name) {
  const base = slugify(slugSource);
  const rows = await tx
    .select({ slug: dealerships.slug })
    .from(dealerships)
    .where(or(eq(dealerships.slug, base), like(dealerships.slug, `${base}-%`)));
  const taken = new Set(rows.map((r) => r.slug));
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (taken.has(slug)) continue;
    const [created] = await tx
      .insert(dealerships)
      .values({
        ...values,
        slug,
        formKey: generateFormKey(),
        inboundEmailLocalPart: generateInboundLocalPart(slug),
      })
      .onConflictDoNothing({ target: dealerships.slug })
      .returning();
    if (created) return created;
  }
  throw new Error(`no free slug for "${base}"`);
}
