import type { UserRole } from "../../db/schema/enums.ts";

// The permission table (also in the README). Checked by tenantAction and withApiAuth via `roles`.
export const ROLES_ALL: readonly UserRole[] = ["admin", "manager", "sales_rep"];
export const ROLES_MANAGE_TEAM: readonly UserRole[] = ["admin", "manager"];
export const ROLES_ADMIN: readonly UserRole[] = ["admin"];

export const canManageTeam = (role: UserRole) => ROLES_MANAGE_TEAM.includes(role);
export const canManageApiKeys = (role: UserRole) => ROLES_ADMIN.includes(role);
// Admins only: account e-mails in the outbox carry sign-in links (see recordOutboxMessage).
export const canViewOutbox = (role: UserRole) => ROLES_ADMIN.includes(role);
// Deleting a lead erases the customer's data for good (GDPR requests, test leads): managers and admins only.
export const ROLES_DELETE_LEADS: readonly UserRole[] = ["admin", "manager"];
export const canDeleteLead = (role: UserRole) => ROLES_DELETE_LEADS.includes(role);
// Settings → Forhandler: the profile, logo and service desk are the dealership's public face: admins edit them,
// managers and reps see them read-only (they answer customers and need the service desk's number).
export const ROLES_EDIT_DEALERSHIP_PROFILE: readonly UserRole[] = ["admin"];
export const canEditDealershipProfile = (role: UserRole) => ROLES_EDIT_DEALERSHIP_PROFILE.includes(role);
// Team: managers staff the floor, so they see the team and invite (never as admin), resend and revoke invitations;
// changing a member's role and deactivating or reactivating a member decide who may do everything else, so they
// are the admins' alone (and the last active admin cannot be demoted or deactivated).
export const ROLES_CHANGE_MEMBERS: readonly UserRole[] = ["admin"];
export const canChangeMembers = (role: UserRole) => ROLES_CHANGE_MEMBERS.includes(role);
// The E-post triage page (set mail aside, turn it into a lead, upload): the people who route the work. A sales rep
// works the leads the triage produces, in the inbox.
export const ROLES_TRIAGE_EMAIL: readonly UserRole[] = ["admin", "manager"];
export const canTriageEmail = (role: UserRole) => ROLES_TRIAGE_EMAIL.includes(role);
// Opening hours and the AI's settings (Settings → Åpningstider, Settings → AI): admins and managers.
export const ROLES_MANAGE_HOURS_AND_AI: readonly UserRole[] = ["admin", "manager"];
export const canManageBusinessHours = (role: UserRole) => ROLES_MANAGE_HOURS_AND_AI.includes(role);
export const canManageAiSettings = (role: UserRole) => ROLES_MANAGE_HOURS_AND_AI.includes(role);
// Inventory (Biler): admins and managers add, edit, import and sell cars; sales reps read the stock.
export const ROLES_MANAGE_INVENTORY: readonly UserRole[] = ["admin", "manager"];
export const canManageInventory = (role: UserRole) => ROLES_MANAGE_INVENTORY.includes(role);
// Inbox bulk actions (assign many, mark many as spam): the people who route the work, like the e-mail triage.
export const ROLES_BULK_LEADS: readonly UserRole[] = ["admin", "manager"];
export const canBulkUpdateLeads = (role: UserRole) => ROLES_BULK_LEADS.includes(role);

// Reply templates: managers and admins keep the dealership's set; everyone uses them in the reply form.
export const ROLES_MANAGE_TEMPLATES: readonly UserRole[] = ["admin", "manager"];
export const canManageTemplates = (role: UserRole) => ROLES_MANAGE_TEMPLATES.includes(role);

// Settings → Oppfølging (issue 19): the dealership's follow-up rule.
export const ROLES_MANAGE_FOLLOW_UPS: readonly UserRole[] = ["admin", "manager"];
export const canManageFollowUps = (role: UserRole) => ROLES_MANAGE_FOLLOW_UPS.includes(role);
// Privacy (GDPR): exporting and erasing a person and the audit view are the admins'; managers may look a person up
// (the person view) to answer a customer's question about their data.
export const ROLES_PRIVACY_ADMIN: readonly UserRole[] = ["admin"];
export const canHandlePrivacyRequests = (role: UserRole) => ROLES_PRIVACY_ADMIN.includes(role);
export const ROLES_VIEW_PERSON: readonly UserRole[] = ["admin", "manager"];
export const canViewPerson = (role: UserRole) => ROLES_VIEW_PERSON.includes(role);
// Settings → Samtaler og SMS: autopilot for answers, the hand-off limit, the dealership's SMS number.
export const ROLES_MANAGE_CONVERSATION: readonly UserRole[] = ["admin"];
export const canManageConversationSettings = (role: UserRole) => ROLES_MANAGE_CONVERSATION.includes(role);
