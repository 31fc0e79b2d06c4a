import { and, eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "./lead-actor.ts";
import { cleanText, normaliseEmail, normalisePhone } from "./normalise-contact.ts";
import type { LeadContactInput } from "./schemas.ts";

/**
 * The customer's name, e-mail and phone as a rep corrected them on the lead page. The phone is stored as typed and
 * as E.164 (the dedupe and search key), the e-mail lower-cased. Records which fields changed in the timeline and
 * the audit log; a save that changes nothing records nothing. Another dealership's lead is not found.
 */
export function updateLeadContact(actor: LeadActor, input: LeadContactInput) {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [lead] = await tx
      .select({
        customerName: leads.customerName,
        customerEmail: leads.customerEmail,
        customerPhone: leads.customerPhone,
      })
      .from(leads)
      .where(and(eq(leads.id, input.leadId), eq(leads.dealershipId, dealershipId)))
      .for("no key update");
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    const next = {
      customerName: cleanText(input.name, 200),
      customerEmail: normaliseEmail(input.email),
      customerPhone: input.phone.trim() || null,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== lead[k]);
    if (changed.length === 0) return { changed };
    await tx
      .update(leads)
      .set({
        ...next,
        emailNormalized: next.customerEmail,
        phoneNormalized: normalisePhone(next.customerPhone),
        updatedAt: new Date(),
      })
      .where(and(eq(leads.id, input.leadId), eq(leads.dealershipId, dealershipId)));
    const fields = changed.map(
      (k) => ({ customerName: "name", customerEmail: "email", customerPhone: "phone" })[k],
    );
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: input.leadId,
      type: "lead.contact_updated",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: { fields },
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "lead.contact_updated",
      targetType: "lead",
      targetId: input.leadId,
      data: { fields },
    });
    return { changed };
  });
}
