import { and, eq, inArray } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { facebookPages } from "../../db/schema/facebook.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { sendUserEmail } from "../messaging/send-user-email.ts";
import { getLogger } from "../log/logger.ts";

/**
 * Meta refused the Page's token: mark the Page `needs_reconnect` and, when it was active until now, e-mail the
 * dealership's admins how to fix it. Only the transition alerts, so a burst of leads sends one e-mail.
 */
export async function alertPageNeedsReconnect(
  tenant: Tenant,
  { pageRowId, reason }: { pageRowId: string; reason: string },
): Promise<void> {
  const { dealershipId } = tenant;
  const { page, admins } = await withTenant(dealershipId, async (tx) => {
    const [changed] = await tx
      .update(facebookPages)
      .set({ status: "needs_reconnect", lastError: reason.slice(0, 1000), updatedAt: new Date() })
      .where(
        and(
          eq(facebookPages.id, pageRowId),
          eq(facebookPages.dealershipId, dealershipId),
          eq(facebookPages.status, "active"),
        ),
      )
      .returning({ name: facebookPages.name, pageId: facebookPages.pageId });
    if (!changed) return { page: undefined, admins: [] };
    const admins = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.dealershipId, dealershipId),
          eq(users.isActive, true),
          inArray(users.role, ["admin", "manager"]),
        ),
      );
    return { page: changed, admins };
  });
  if (!page) return;
  getLogger("alert").error(`facebook page ${page.pageId} (${page.name}) needs reconnecting: ${reason}`);
  const settingsUrl = new URL("/settings/integrations#facebook", getEnv().APP_URL).toString();
  for (const admin of admins) {
    await sendUserEmail(
      { dealershipId },
      {
        to: admin.email,
        subject: `Facebook-siden «${page.name}» må kobles til på nytt`,
        idempotencyKey: `facebook-reconnect:${page.pageId}:${admin.email}:${new Date().toISOString().slice(0, 13)}`,
        text:
          `Hei ${admin.name}!\n\nFacebook avviste tilgangen til siden «${page.name}» (${reason}). ` +
          `Nye leads fra annonsene deres blir tatt vare på, men vi kan ikke hente dem før siden er koblet til igjen.\n\n` +
          `Koble til på nytt under Innstillinger → Integrasjoner → Facebook:\n${settingsUrl}\n\n` +
          `Det skjer typisk når passordet til Facebook-kontoen er endret, eller når tilgangen er fjernet i Meta Business Suite.\n\nHilsen Norvalt`,
      },
    );
  }
}
