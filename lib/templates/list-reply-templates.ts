import { asc, eq } from "drizzle-orm";
import { replyTemplates } from "../../db/schema/reply-templates.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

/** The dealership's reply templates by name (Settings → Maler and the reply form). */
export function listReplyTemplates(tenant: Tenant) {
  return withTenant(tenant.dealershipId, selectReplyTemplates);
}

/** `listReplyTemplates` inside the caller's transaction. */
export function selectReplyTemplates(tx: TenantTx) {
  return tx
    .select({ id: replyTemplates.id, name: replyTemplates.name, body: replyTemplates.body })
    .from(replyTemplates)
    .where(eq(replyTemplates.dealershipId, tx.dealershipId))
    .orderBy(asc(replyTemplates.name), asc(replyTemplates.id));
}

export type ReplyTemplate = Awaited<ReturnType<typeof selectReplyTemplates>>[number];
