import { eq, sql } from "drizzle-orm";
import { dealerships, type Branding } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { forgetFormDealership } from "./find-dealership-by-form-key.ts";
import type { DealershipProfileInput } from "./schemas.ts";

type ProfileField = keyof DealershipProfileInput;
type Change = { from: string | null; to: string | null };

/**
 * Saves Settings → Forhandler (admins). The brand colour and the e-mail signature live in `branding` next to the
 * logo URL, which this leaves as it is. One audit entry per save that changed something, naming the changed
 * fields with their old and new values; a save without changes writes nothing.
 */
export async function updateDealershipProfile(
  session: Session,
  input: DealershipProfileInput,
): Promise<{ changed: ProfileField[] }> {
  const changed = await withTenant(session.dealershipId, async (tx) => {
    const [current] = await tx
      .select()
      .from(dealerships)
      .where(eq(dealerships.id, session.dealershipId))
      .for("update");
    if (!current) throw new AppError("not_found", "Fant ikke forhandleren");
    const before: Record<ProfileField, string | null> = {
      name: current.name,
      legalName: current.legalName,
      orgNumber: current.orgNumber,
      address: current.address,
      postalCode: current.postalCode,
      city: current.city,
      phone: current.phone,
      email: current.email,
      website: current.website,
      timezone: current.timezone,
      serviceEmail: current.serviceEmail,
      servicePhone: current.servicePhone,
      primaryColor: current.branding.primaryColor ?? null,
      emailSignature: current.branding.emailSignature ?? null,
    };
    const changes: Partial<Record<ProfileField, Change>> = {};
    for (const field of Object.keys(before) as ProfileField[]) {
      if ((before[field] ?? null) !== (input[field] ?? null))
        changes[field] = { from: before[field] ?? null, to: input[field] ?? null };
    }
    const fields = Object.keys(changes) as ProfileField[];
    if (fields.length === 0) return fields;

    const branding: Branding = { ...current.branding };
    if (input.primaryColor) branding.primaryColor = input.primaryColor;
    else delete branding.primaryColor;
    if (input.emailSignature) branding.emailSignature = input.emailSignature;
    else delete branding.emailSignature;
    await tx
      .update(dealerships)
      .set({
        name: input.name,
        legalName: input.legalName,
        orgNumber: input.orgNumber,
        address: input.address,
        postalCode: input.postalCode,
        city: input.city,
        phone: input.phone,
        email: input.email,
        website: input.website,
        timezone: input.timezone,
        serviceEmail: input.serviceEmail,
        servicePhone: input.servicePhone,
        branding,
        updatedAt: sql`now()`,
      })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.profile_updated",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: { changes },
    });
    return fields;
  });
  if (changed.includes("name")) forgetFormDealership(session);
  return { changed };
}
