import { authPasswordReset } from "./definitions/auth-password-reset.ts";
import { authSignInLink } from "./definitions/auth-sign-in-link.ts";
import { customerSendEmail } from "./definitions/customer-send-email.ts";
import { customerSendSms } from "./definitions/customer-send-sms.ts";
import { emailProcess } from "./definitions/email-process.ts";
import { facebookFetchLead } from "./definitions/facebook-fetch-lead.ts";
import { dailySummary } from "./definitions/daily-summary.ts";
import { leadWaiting } from "./definitions/lead-waiting.ts";
import { leadRespond } from "./definitions/lead-respond.ts";
import { maintenancePurge } from "./definitions/maintenance-purge.ts";
import { repNotify } from "./definitions/rep-notify.ts";
import { teamReassignLeads } from "./definitions/team-reassign-leads.ts";
import { inventoryFeedSync } from "./definitions/inventory-feed-sync.ts";
import { taskDue } from "./definitions/task-due.ts";
import { followUpSend } from "./definitions/followup-send.ts";
import { followUpSweep } from "./definitions/followup-sweep.ts";
import { privacyExport } from "./definitions/privacy-export.ts";
import { privacyRetention } from "./definitions/privacy-retention.ts";
import { conversationReply } from "./definitions/conversation-reply.ts";
import { privacyDealershipExport } from "./definitions/privacy-dealership-export.ts";
import { defineSettleExpiredJobs } from "./definitions/jobs-settle-expired.ts";

/**
 * Every job the worker runs; the runner refuses names not in it. Payload schemas (and enqueue()'s types) live in
 * lib/jobs/job-payloads.ts, so lib/ never imports this folder.
 */
const definitions = [
  leadRespond,
  customerSendEmail,
  repNotify,
  facebookFetchLead,
  emailProcess,
  authPasswordReset,
  maintenancePurge,
  customerSendSms,
  leadWaiting,
  dailySummary,
  teamReassignLeads,
  inventoryFeedSync,
  taskDue,
  authSignInLink,
  followUpSweep,
  followUpSend,
  privacyExport,
  privacyRetention,
  conversationReply,
  privacyDealershipExport,
] as const;

export const jobRegistry = [...definitions, defineSettleExpiredJobs(definitions)] as const;

export type RegisteredJob = (typeof jobRegistry)[number];
export type JobName = RegisteredJob["name"];
