import type { Tenant } from "../db/tenant.ts";
import { deliverEmail } from "../deliveries/deliver-email.ts";
import type { SentMessage } from "../deliveries/send-recorded-message.ts";

export type UserEmail = {
  to: string;
  subject: string;
  text: string;
  /** Shown before MAIL_FROM's address; MAIL_FROM's own name without it. */
  fromName?: string;
  /** The body carries a sign-in link (reset, verification, invitation): the stored copy hides it in production. */
  containsSecret?: boolean;
  /** Same key twice → sent once. */
  idempotencyKey?: string;
  /** The lead it is about, if any (shown with the lead's outbox rows, deleted with the lead). */
  leadId?: string;
};

/**
 * Plain e-mail to one of the dealership's users (account links, alerts, a rep's notification): no branding,
 * no unsubscribe (it is not marketing, and staff cannot opt out of their own account mail).
 */
export async function sendUserEmail(tenant: Tenant, email: UserEmail): Promise<SentMessage> {
  return deliverEmail(tenant, email);
}
