import { and, eq } from "drizzle-orm";
import { replyTemplates } from "../../db/schema/reply-templates.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

/** Deletes one of this dealership's templates; another dealership's id is not found. */
export function deleteReplyTemplate(session: Session, templateId: string) {
  const { dealershipId } = session;
  return withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .delete(replyTemplates)
      .where(and(eq(replyTemplates.id, templateId), eq(replyTemplates.dealershipId, dealershipId)))
      .returning({ id: replyTemplates.id, name: replyTemplates.name });
    if (!row) throw new AppError("not_found", "Fant ikke malen");
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "reply_template.deleted",
      targetType: "reply_template",
      targetId: row.id,
      data: { name: row.name },
    });
    return { id: row.id };
  });
}
