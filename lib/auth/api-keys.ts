import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "../../db/schema/auth.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { ApiKeyPrincipal, Session } from "./session-types.ts";
import { API_KEY_PREFIX, generateApiKey, hashToken } from "./tokens.ts";

/** Creates a key and returns it once; afterwards only its hash and first characters exist. */
export async function createApiKey(session: Session, name: string) {
  const key = generateApiKey();
  const row = await withTenant(session.dealershipId, async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        dealershipId: session.dealershipId,
        name,
        prefix: key.slice(0, 11),
        keyHash: hashToken(key),
        createdBy: session.userId,
      })
      .returning({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
      });
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: created!.id,
    });
    return created!;
  });
  return { ...row, key };
}

export async function revokeApiKey(session: Session, id: string) {
  await withTenant(session.dealershipId, async (tx) => {
    const revoked = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(apiKeys.id, id), eq(apiKeys.dealershipId, session.dealershipId), isNull(apiKeys.revokedAt)),
      )
      .returning({ id: apiKeys.id });
    if (revoked.length === 0) throw new AppError("not_found", "Fant ikke API-nøkkelen");
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
    });
  });
}

export async function findApiKeys(session: Session) {
  return withTenant(session.dealershipId, (tx) =>
    tx
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.dealershipId, session.dealershipId))
      .orderBy(desc(apiKeys.createdAt)),
  );
}

/** Resolves `Authorization: Bearer nv_…` to its dealership. Revoked and unknown keys give null. */
export async function authenticateApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  return withSystem(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, dealershipId: apiKeys.dealershipId });
    return row ? { apiKeyId: row.id, dealershipId: row.dealershipId, via: "api_key" as const } : null;
  });
}
