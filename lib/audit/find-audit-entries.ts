import { and, desc, eq, gte, like, lt, or, type SQL } from "drizzle-orm";
import { auditLog } from "../../db/schema/operations.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import type { AuditFilter } from "./schemas.ts";

export type AuditEntry = {
  id: string;
  at: Date;
  action: string;
  actorType: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
};

const PAGE = 100;

/**
 * The audit log, newest first, narrowed by action group, the person who acted and calendar days (UTC): read
 * only — the log is append-only and no screen changes it. Up to 100 entries.
 */
export async function findAuditEntries(tenant: Tenant, filter: AuditFilter): Promise<AuditEntry[]> {
  return withTenant(tenant.dealershipId, (tx) => {
    const conditions: SQL[] = [eq(auditLog.dealershipId, tx.dealershipId)];
    if (filter.group)
      conditions.push(or(eq(auditLog.action, filter.group), like(auditLog.action, `${filter.group}.%`))!);
    if (filter.actor) conditions.push(eq(auditLog.actorUserId, filter.actor));
    if (filter.from) conditions.push(gte(auditLog.createdAt, new Date(`${filter.from}T00:00:00Z`)));
    if (filter.to) {
      const end = new Date(`${filter.to}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      conditions.push(lt(auditLog.createdAt, end));
    }
    return tx
      .select({
        id: auditLog.id,
        at: auditLog.createdAt,
        action: auditLog.action,
        actorType: auditLog.actorType,
        actorName: users.name,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        data: auditLog.data,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.createdAt))
      .limit(PAGE);
  });
}
