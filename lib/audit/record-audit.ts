import { auditLog } from "../../db/schema/operations.ts";
import type { Tx } from "../db/tenant.ts";

type AuditEntry = Omit<typeof auditLog.$inferInsert, "id" | "createdAt">;

/** Appends to the dealership's audit log inside the caller's transaction, so the record and the change commit together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(entry);
}
