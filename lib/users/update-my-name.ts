import { and, eq, sql } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

/** The signed-in user's display name (built-in auth; Clerk owns the name there). */
export async function updateMyName(session: Session, input: { name: string }): Promise<void> {
  if (session.via === "clerk") throw new AppError("forbidden", "Navnet endres hos Clerk");
  const { dealershipId, userId } = session;
  await withTenant(dealershipId, async (tx) => {
    const [before] = await tx
      .select({ name: users.name })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    if (!before) throw new AppError("not_found", "Fant ikke brukeren");
    if (before.name === input.name) return;
    await tx
      .update(users)
      .set({ name: input.name, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.name_changed",
      targetType: "user",
      targetId: userId,
      data: { name: { from: before.name, to: input.name } },
    });
  });
}
