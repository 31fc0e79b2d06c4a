import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { Tx } from "../db/tenant.ts";

export async function getDealership(tx: Tx, dealershipId: string) {
  const [row] = await tx.select().from(dealerships).where(eq(dealerships.id, dealershipId));
  return row ?? null;
}
