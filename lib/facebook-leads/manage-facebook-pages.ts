import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { facebookLeadDeliveries, facebookPages } from "../../db/schema/facebook.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withSystem, withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { GraphError } from "../integrations/meta-graph/graph-error.ts";
import { getMetaGraph } from "../integrations/meta-graph/get-meta-graph.ts";
import { decryptSecret, encryptSecret } from "../security/encrypt-secret.ts";
import { releaseWaitingDeliveries } from "./store-leadgen-changes.ts";
import { getLogger } from "../log/logger.ts";

export const connectPageInput = z.object({
  pageId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, "Side-ID består av sifre (finnes under Om → Sideinformasjon på Facebook)"),
  accessToken: z.string().trim().min(20, "Lim inn hele tilgangsnøkkelen for siden").max(1_000),
});

export type FacebookPageView = {
  id: string;
  pageId: string;
  name: string;
  status: "active" | "needs_reconnect";
  connectedVia: string;
  lastLeadAt: Date | null;
  lastError: string | null;
  createdAt: Date;
};

/**
 * Connects a Page with its Page access token (pasted, or from Meta login): checks the token by reading the Page,
 * subscribes our app to the Page's `leadgen` field, stores the token sealed, and releases any deliveries that
 * waited for this Page (unmatched before it was connected, or parked while its token was refused).
 */
export async function connectFacebookPage(
  session: Session,
  input: { pageId: string; accessToken: string; via?: "token" | "oauth" },
): Promise<FacebookPageView & { released: number }> {
  const { pageId, accessToken } = input;
  const graph = getMetaGraph();
  const page = await graph.getPage(accessToken, pageId).catch((err: unknown) => {
    throw toUserError(err, "Facebook godtok ikke tilgangsnøkkelen for denne siden");
  });
  await graph.subscribeToLeadgen(accessToken, pageId).catch((err: unknown) => {
    throw toUserError(
      err,
      "Kunne ikke abonnere på leads fra siden (mangler siden tillatelsen leads_retrieval?)",
    );
  });

  // A Page belongs to one dealership: the webhook finds the dealership by the Page id.
  const owner = await withSystem(async (tx) => {
    const [row] = await tx
      .select({ dealershipId: facebookPages.dealershipId })
      .from(facebookPages)
      .where(eq(facebookPages.pageId, pageId));
    return row?.dealershipId;
  });
  if (owner && owner !== session.dealershipId)
    throw new AppError(
      "conflict",
      "Denne Facebook-siden er allerede koblet til en annen forhandler i Norvalt",
    );

  const sealed = encryptSecret(accessToken, pageId);
  const stored = await withTenant(session.dealershipId, async (tx) => {
    const [row] = await tx
      .insert(facebookPages)
      .values({
        dealershipId: session.dealershipId,
        pageId,
        name: page.name,
        accessTokenSealed: sealed,
        connectedVia: input.via ?? "token",
        connectedBy: session.userId,
      })
      .onConflictDoUpdate({
        target: facebookPages.pageId,
        set: {
          name: page.name,
          accessTokenSealed: sealed,
          status: "active",
          lastError: null,
          connectedVia: input.via ?? "token",
          connectedBy: session.userId,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "facebook.page_connected",
      data: { pageId, name: page.name, via: input.via ?? "token" },
    });
    return row!;
  });
  const released = await releaseWaitingDeliveries(session, { pageId });
  return { ...toView(stored), released };
}

/** Stops leads from the Page: unsubscribes the app (best effort: the token may already be dead) and forgets the token. */
export async function disconnectFacebookPage(session: Session, id: string): Promise<void> {
  const page = await withTenant(session.dealershipId, (tx) => findFacebookPage(tx, { id }));
  if (!page) throw new AppError("not_found", "Fant ikke siden");
  await getMetaGraph()
    .unsubscribeFromLeadgen(decryptSecret(page.accessTokenSealed, page.pageId), page.pageId)
    .catch((err: unknown) =>
      getLogger("facebook").warn(`unsubscribe ${page.pageId}: ${(err as Error).message}`),
    );
  await withTenant(session.dealershipId, async (tx) => {
    await tx
      .delete(facebookPages)
      .where(and(eq(facebookPages.id, id), eq(facebookPages.dealershipId, session.dealershipId)));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "facebook.page_disconnected",
      data: { pageId: page.pageId, name: page.name },
    });
  });
}

export async function listFacebookPages(tenant: Tenant): Promise<FacebookPageView[]> {
  const rows = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .select()
      .from(facebookPages)
      .where(eq(facebookPages.dealershipId, tenant.dealershipId))
      .orderBy(facebookPages.name),
  );
  return rows.map(toView);
}

export type FacebookDeliveryView = {
  id: string;
  leadgenId: string;
  pageId: string;
  status: string;
  via: string;
  leadId: string | null;
  error: string | null;
  createdAt: Date;
};

/** The latest deliveries of the dealership's Pages, for Settings → Integrations. */
export async function listFacebookDeliveries(
  tenant: Tenant,
  { limit = 20 }: { limit?: number } = {},
): Promise<FacebookDeliveryView[]> {
  return withTenant(tenant.dealershipId, (tx) =>
    tx
      .select({
        id: facebookLeadDeliveries.id,
        leadgenId: facebookLeadDeliveries.leadgenId,
        pageId: facebookLeadDeliveries.pageId,
        status: facebookLeadDeliveries.status,
        via: facebookLeadDeliveries.via,
        leadId: facebookLeadDeliveries.leadId,
        error: facebookLeadDeliveries.error,
        createdAt: facebookLeadDeliveries.createdAt,
      })
      .from(facebookLeadDeliveries)
      .where(eq(facebookLeadDeliveries.dealershipId, tenant.dealershipId))
      .orderBy(desc(facebookLeadDeliveries.createdAt))
      .limit(limit),
  );
}

export async function findFacebookPage(tx: TenantTx, { id }: { id: string }) {
  const [row] = await tx
    .select()
    .from(facebookPages)
    .where(and(eq(facebookPages.id, id), eq(facebookPages.dealershipId, tx.dealershipId)));
  return row;
}

function toView(row: typeof facebookPages.$inferSelect): FacebookPageView {
  return {
    id: row.id,
    pageId: row.pageId,
    name: row.name,
    status: row.status,
    connectedVia: row.connectedVia,
    lastLeadAt: row.lastLeadAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
  };
}

/** A Graph failure while an admin connects a Page, as a message they can act on (400, never a 500). */
export function toUserError(err: unknown, fallback: string): AppError {
  if (!(err instanceof GraphError)) return new AppError("bad_request", fallback);
  if (err.isTokenError)
    return new AppError("bad_request", `${fallback}: nøkkelen er utløpt eller trukket tilbake`);
  if (err.isUnknownObject)
    return new AppError("bad_request", "Fant ingen Facebook-side med denne ID-en for nøkkelen");
  if (err.isTransient) return new AppError("bad_request", "Facebook svarte ikke. Prøv igjen om litt.");
  return new AppError("bad_request", `${fallback} (${err.message})`);
}
