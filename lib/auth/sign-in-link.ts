import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { consumeRateLimit } from "../rate-limit.ts";
import { sendSignInLinkEmail } from "./auth-emails.ts";
import { consumeAuthToken, issueLoginToken } from "./password-reset.ts";
import { startLoggedInSession } from "./log-in.ts";
import type { RequestMeta } from "./sessions.ts";

const LINK_TTL_MINUTES = 15;

/**
 * "Send me a sign-in link": the way in that password guessing cannot slow (issue 24, item 4). Like the password
 * reset, the form only rate-limits and queues, so known and unknown addresses get the same answer in the same time.
 */
export async function requestSignInLink(email: string): Promise<void> {
  await consumeRateLimit(`sign-in-link:${email}`, { limit: 5, windowSeconds: 60 * 60 });
  await enqueue("auth.sign-in-link", { email });
}

/** The auth.sign-in-link job: e-mails a single-use 15-minute link if the address is an active built-in login. */
export async function sendSignInLink(email: string): Promise<void> {
  const issued = await issueLoginToken(email, "sign_in_link", LINK_TTL_MINUTES);
  if (issued) await sendSignInLinkEmail(issued.user, issued.token);
}

/**
 * Opens a session from a sign-in link (a POST from the link's page: a mail scanner fetching the link does not
 * use it up). 404 for an unknown, used or expired link, or a user deactivated since.
 */
export async function logInWithLink(token: string, meta: RequestMeta = {}) {
  const owner = await consumeAuthToken(token, "sign_in_link");
  const [user] = owner
    ? await withTenant(owner.dealershipId, (tx) =>
        tx
          .select({ id: users.id, dealershipId: users.dealershipId })
          .from(users)
          .where(
            and(
              eq(users.id, owner.userId),
              eq(users.dealershipId, owner.dealershipId),
              eq(users.isActive, true),
            ),
          ),
      )
    : [];
  if (!user) throw new AppError("not_found", "Lenken er ugyldig, brukt eller utløpt. Be om en ny.");
  return startLoggedInSession(user, meta, "sign_in_link");
}
