import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { withSystem } from "../db/tenant.ts";

/** The public form key names the tenant before anything is known about the caller: a system lookup. */
export async function findDealershipByFormKey(formKey: string) {
  if (!/^[a-z0-9-]{6,64}$/.test(formKey)) return null;
  const [row] = await withSystem((tx) =>
    tx
      .select({
        id: dealerships.id,
        name: dealerships.name,
        allowedOrigins: dealerships.formAllowedOrigins,
        thankYouUrl: dealerships.formThankYouUrl,
      })
      .from(dealerships)
      .where(eq(dealerships.formKey, formKey)),
  );
  return row ?? null;
}
