import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/operations.ts";
import { findAuditEntries } from "../../lib/audit/find-audit-entries.ts";
import { AUDIT_ACTION_GROUPS } from "../../lib/audit/schemas.ts";
import { createApiKey, revokeApiKey } from "../../lib/auth/api-keys.ts";
import { createInvitation, revokeInvitation } from "../../lib/auth/invitations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { rotateFormKey } from "../../lib/dealerships/rotate-form-key.ts";
import { formSettingsInput, updateFormSettings } from "../../lib/dealerships/update-form-settings.ts";
import {
  emailIntakeSettingsInput,
  rotateInboundAddress,
  updateEmailIntakeSettings,
} from "../../lib/inbound-email/manage-inbound-address.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { changeMyPassword } from "../../lib/users/change-my-password.ts";
import { logOutEverywhere } from "../../lib/users/revoke-my-sessions.ts";
import { notificationPreferencesInput } from "../../lib/users/schemas.ts";
import { updateNotificationPreferences } from "../../lib/users/update-notification-preferences.ts";
import { createTestTenant, TEST_PASSWORD, type TestTenant } from "../helpers/factories.ts";

// Issue 22 item 7: every role and settings change is in the audit log, written in the change's own transaction.
// The changes whose audit entry no other test checks are made here one by one; each must leave exactly one entry
// naming who did it, in their dealership only, findable under its filter group.
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

let a: TestTenant;
let b: TestTenant;
let admin: Session;

beforeAll(async () => {
  a = await createTestTenant("Revisjon A");
  b = await createTestTenant("Revisjon B");
  admin = await a.as("admin");
});

const entries = (dealershipId: string, actor: string, action: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select({ action: auditLog.action, targetId: auditLog.targetId, data: auditLog.data })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.dealershipId, dealershipId),
          eq(auditLog.actorUserId, actor),
          eq(auditLog.action, action),
        ),
      ),
  );

type Change = { action: string; run: (session: Session) => Promise<unknown> };
const CHANGES: Change[] = [
  {
    action: "invitation.created",
    run: (s) => createInvitation(s, { email: "ny-selger@example.no", role: "sales_rep" }),
  },
  {
    action: "invitation.revoked",
    run: async (s) => {
      const { invitation } = await createInvitation(s, { email: "trukket@example.no", role: "manager" });
      await revokeInvitation(s, invitation.id);
    },
  },
  { action: "api_key.created", run: (s) => createApiKey(s, "CRM") },
  {
    action: "api_key.revoked",
    run: async (s) => revokeApiKey(s, (await createApiKey(s, "Gammel")).id),
  },
  { action: "dealership.form_key_rotated", run: (s) => rotateFormKey(s) },
  {
    action: "dealership.form_settings_updated",
    run: (s) =>
      updateFormSettings(
        s,
        formSettingsInput.parse({ allowedOrigins: "https://bilhuset.no", thankYouUrl: "" }),
      ),
  },
  { action: "dealership.inbound_email_rotated", run: (s) => rotateInboundAddress(s) },
  {
    action: "dealership.email_settings_updated",
    run: (s) =>
      updateEmailIntakeSettings(s, emailIntakeSettingsInput.parse({ blockedSenderDomains: "spam.example" })),
  },
  {
    action: "user.notification_preferences_changed",
    run: (s) =>
      updateNotificationPreferences(s, notificationPreferencesInput.parse({ sms: "on", email: "on" })),
  },
  {
    action: "user.password_changed",
    run: (s) =>
      changeMyPassword(s, { currentPassword: TEST_PASSWORD, newPassword: "et-nytt-langt-passord" }, null),
  },
  { action: "user.logged_out_everywhere", run: (s) => logOutEverywhere(s) },
];

describe("role and settings changes are audited", () => {
  for (const change of CHANGES)
    it(`${change.action}: one entry naming the user, in their dealership only`, async () => {
      // A fresh admin per change: their entries are the change's own.
      const session = change.action.startsWith("user.") ? await a.as("admin") : admin;
      const before = (await entries(a.id, session.userId, change.action)).length;
      await change.run(session);
      expect(await entries(a.id, session.userId, change.action)).toHaveLength(before + 1);
      expect(await entries(b.id, session.userId, change.action)).toHaveLength(0);
      const group = change.action.split(".")[0]!;
      const found = await findAuditEntries(admin, { group: group as never });
      expect(found.some((e) => e.action === change.action)).toBe(true);
    });

  it("every action the code audits can be found under one of the audit view's groups", () => {
    const actions = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.includes(".test."))
          for (const m of readFileSync(path, "utf8").matchAll(
            /recordAudit\(\w+, \{[^}]*?action: ["`]([a-z_]+)[.`"]/g,
          ))
            actions.add(m[1]!);
      }
    };
    walk("lib");
    expect(actions.size).toBeGreaterThan(10);
    const groups: readonly string[] = AUDIT_ACTION_GROUPS;
    expect([...actions].filter((group) => !groups.includes(group))).toEqual([]);
  });
});
