import { count, eq, inArray } from "drizzle-orm";
import { apiKeys } from "../../db/schema/auth.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { users } from "../../db/schema/users.ts";
import type { Env } from "../../env.ts";
import { hashToken } from "../../lib/auth/tokens.ts";
import { withSystem } from "../../lib/db/tenant.ts";
import { DEMO_API_KEY_FALLBACK, DEMO_PASSWORD, seedDemo } from "./seed-demo.ts";

/** Seeds the demo on an empty database. Returns what to print when the demo dealership is there. */
export async function seedDemoIfEmpty(env: Env, log: (line: string) => void) {
  const apiKey = env.NORVALT_DEMO_API_KEY ?? DEMO_API_KEY_FALLBACK;
  const [{ n } = { n: 0 }] = await withSystem((tx) => tx.select({ n: count() }).from(dealerships));
  if (n === 0) {
    log("empty database: seeding the demo …");
    await seedDemo({ formKey: env.NORVALT_DEMO_FORM_KEY, apiKey, log });
  }
  const demoUsers = await withSystem((tx) =>
    tx
      .select({ email: users.email })
      .from(users)
      .innerJoin(dealerships, eq(dealerships.id, users.dealershipId))
      .where(inArray(dealerships.slug, ["fjordbil", "vestland-bil"]))
      .orderBy(dealerships.slug, users.email),
  );
  if (demoUsers.length === 0) return null;
  // NORVALT_DEMO_API_KEY may have been set after the first seed: make sure the key we print is one that works.
  await withSystem(async (tx) => {
    const [fjordbil] = await tx
      .select({ id: dealerships.id })
      .from(dealerships)
      .where(eq(dealerships.slug, "fjordbil"));
    if (!fjordbil) return;
    await tx
      .insert(apiKeys)
      .values({
        dealershipId: fjordbil.id,
        name: "Demo-nøkkel",
        prefix: apiKey.slice(0, 11),
        keyHash: hashToken(apiKey),
      })
      .onConflictDoNothing();
  });
  return {
    emails: demoUsers.map((u) => u.email),
    password: DEMO_PASSWORD,
    apiKey,
    formKey: env.NORVALT_DEMO_FORM_KEY,
  };
}
