// What a person finds in their mailbox during e2e: `npm test` points the app's Resend adapter at a loopback fake
// of Resend's API (scripts/test.ts); this reads it back through the same API (list, then one by id).
type ListedEmail = { id: string; to: string[]; subject: string; created_at: string };
export type SentEmail = ListedEmail & { from: string; text: string | null; html: string | null };

const headers = { authorization: "Bearer re_test_fake" };

function fakeResendUrl(): string {
  const url = process.env.E2E_FAKE_RESEND_URL;
  if (!url) throw new Error("E2E_FAKE_RESEND_URL is not set: run through `npm test`, which starts the fake");
  return url;
}

/** The newest e-mail to `to` whose subject matches, waiting (polling the fake) up to `timeoutMs` for it. */
export async function findSentEmail(to: string, subject: RegExp, timeoutMs = 15_000): Promise<SentEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await (await fetch(`${fakeResendUrl()}/emails?limit=100`, { headers })).json()) as {
      data: ListedEmail[];
    };
    const hit = list.data.find((e) => e.to.includes(to) && subject.test(e.subject));
    if (hit)
      return (await (await fetch(`${fakeResendUrl()}/emails/${hit.id}`, { headers })).json()) as SentEmail;
    if (Date.now() > deadline)
      throw new Error(`no e-mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in an e-mail's text that points into the app at `path` (e.g. "/verify-email/"). */
export function linkIn(email: SentEmail, path: string): string {
  const link = (email.text ?? "")
    .match(/https?:\/\/\S+/g)
    ?.find((url) => new URL(url).pathname.startsWith(path));
  if (!link) throw new Error(`no ${path} link in "${email.subject}"`);
  return new URL(link).pathname;
}
