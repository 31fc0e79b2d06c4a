import { authPasswordReset } from "./definitions/auth-password-reset.ts";
import { emailProcess } from "./definitions/email-process.ts";
import { emailSend } from "./definitions/email-send.ts";
import { facebookFetchLead } from "./definitions/facebook-fetch-lead.ts";
import { leadNotifyRep } from "./definitions/lead-notify-rep.ts";
import { leadRespond } from "./definitions/lead-respond.ts";
import { maintenancePurge } from "./definitions/maintenance-purge.ts";
import { smsReply } from "./definitions/sms-reply.ts";
import { smsSend } from "./definitions/sms-send.ts";

/** Every job the worker runs. enqueue() is typed from this list; the runner refuses names not in it. */
export const jobRegistry = [
  leadRespond,
  emailSend,
  smsSend,
  leadNotifyRep,
  facebookFetchLead,
  emailProcess,
  authPasswordReset,
  maintenancePurge,
  smsReply,
] as const;

export type RegisteredJob = (typeof jobRegistry)[number];
export type JobName = RegisteredJob["name"];
