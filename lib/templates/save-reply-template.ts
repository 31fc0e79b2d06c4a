import { and, count, eq } from "drizzle-orm";
import { replyTemplates } from "../../db/schema/reply-templates.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { MAX_TEMPLATES, type ReplyTemplateInput } from "./schemas.ts";

/** Creates a template (no id) or edits one of this dealership's (another dealership's id is not found). */
export function saveReplyTemplate(session: Session, input: ReplyTemplateInput) {
  const { dealershipId } = session;
  return withTenant(dealershipId, async (tx) => {
    const values = { name: input.name, body: input.body };
    let id = input.id || null;
    if (id) {
      const [row] = await tx
        .update(replyTemplates)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(replyTemplates.id, id), eq(replyTemplates.dealershipId, dealershipId)))
        .returning({ id: replyTemplates.id });
      if (!row) throw new AppError("not_found", "Fant ikke malen");
    } else {
      const [existing] = await tx
        .select({ n: count() })
        .from(replyTemplates)
        .where(eq(replyTemplates.dealershipId, dealershipId));
      if ((existing?.n ?? 0) >= MAX_TEMPLATES)
        throw new AppError("bad_request", "Dere har nådd grensen på 100 maler");
      const [row] = await tx
        .insert(replyTemplates)
        .values({ ...values, dealershipId, createdBy: session.userId })
        .returning({ id: replyTemplates.id });
      id = row!.id;
    }
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: input.id ? "reply_template.updated" : "reply_template.created",
      targetType: "reply_template",
      targetId: id,
      data: { name: input.name },
    });
    return { id };
  });
}
