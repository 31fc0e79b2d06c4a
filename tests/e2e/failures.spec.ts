import pg from "pg";
import { expect, test } from "@playwright/test";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { expectAccessible } from "./helpers/axe.ts";
import { findSentEmail } from "./helpers/read-sent-email.ts";
import { signedInPage } from "./helpers/session.ts";

// Issue 24, item 2: a reply to the customer that failed for good shows "Feilet" with the reason and "Prøv igjen"
// on the lead page; the rep's retry sends it through the worker and the real mail adapter (the loopback Resend).
// Reps work on phones: 390 px, and the manager's view at 1440 px.
const run = Date.now().toString(36);
const customer = { name: `Feilet Kunde ${run}`, email: `feilet-${run}@example.no` };
const subject = `Tilbud på Tiguan ${run}`;

/** A rep's e-mail that the vendor refused through every automatic retry, as the worker leaves it. */
async function storeFailedReply(leadId: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`begin; set local role ${SYSTEM_ROLE}`);
    const { rows } = await client.query<{ id: string }>(
      `insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, subject,
         message_content, delivery_status, delivery_error, metadata)
       select dealership_id, id, 'email', 'outbound', 'Ola Hansen', 'human', $2, $3, 'failed',
         'Resend 503: service unavailable', '{"manual": true}'::jsonb
       from leads where id = $1
       returning id`,
      [leadId, subject, "Hei! Tiguanen er klar for prøvekjøring på lørdag."],
    );
    await client.query("commit");
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

test("390 px: a failed reply is sent again with Prøv igjen", async ({ browser }) => {
  const rep = await signedInPage(
    browser,
    "selger1@fjordbil.no",
    { width: 390, height: 844 },
    {
      context: { locale: "nb-NO" },
    },
  );
  const posted = await rep.request.post("/api/webhooks/form/fjordbil-demo", {
    data: { ...customer, message: "Kan jeg prøvekjøre Tiguanen?" },
  });
  expect(posted.ok()).toBe(true);
  const leadId = ((await posted.json()) as { lead_id: string }).lead_id;
  const messageId = await storeFailedReply(leadId);

  await rep.goto(`/leads/${leadId}`);
  const message = rep.locator(`[data-testid="conversation"] li`).filter({ hasText: subject });
  await expect(message).toHaveAttribute("data-delivery", "failed");
  await expect(message.getByTestId("delivery-status")).toHaveText("Feilet");
  await expect(message).toContainText("Resend 503: service unavailable");
  const retry = message.getByRole("button", { name: "Prøv igjen" });
  await expect(retry).toBeVisible();
  await expectAccessible(rep);
  const overflow = await rep.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await rep.screenshot({ path: "test-results/failures-retry-390.png", fullPage: true });

  await retry.click();
  await expect(rep.getByText("Meldingen sendes på nytt.", { exact: true })).toBeVisible();
  // The worker sends it: the thread shows it sent (reloading until the live update or the next render has it).
  await expect(async () => {
    await rep.reload();
    await expect(rep.locator(`[data-testid="conversation"] li`).filter({ hasText: subject })).toHaveAttribute(
      "data-delivery",
      /^(sent|delivered)$/,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });
  await expect(
    rep.locator(`[data-testid="conversation"] li`).filter({ hasText: subject }).getByRole("button", {
      name: "Prøv igjen",
    }),
  ).toHaveCount(0);
  const email = await findSentEmail(customer.email, new RegExp(subject));
  expect(email.text).toContain("Tiguanen er klar for prøvekjøring");
  // The timeline says who sent it again.
  await expect(rep.getByText("Melding sendt på nytt", { exact: true })).toBeVisible();
  expect(messageId).toBeTruthy();
});

test("1440 px: the manager sees the failed reply with Prøv igjen on the lead page", async ({ browser }) => {
  const manager = await signedInPage(
    browser,
    "leder@fjordbil.no",
    { width: 1440, height: 900 },
    {
      context: { locale: "nb-NO" },
    },
  );
  const posted = await manager.request.post("/api/webhooks/form/fjordbil-demo", {
    data: { name: `Feilet Leder ${run}`, email: `feilet-leder-${run}@example.no`, message: "Hei" },
  });
  const leadId = ((await posted.json()) as { lead_id: string }).lead_id;
  await storeFailedReply(leadId);
  await manager.goto(`/leads/${leadId}`);
  const message = manager.locator(`[data-testid="conversation"] li`).filter({ hasText: subject });
  await expect(message.getByRole("button", { name: "Prøv igjen" })).toBeVisible();
  await expectAccessible(manager);
  await manager.screenshot({ path: "test-results/failures-retry-1440.png" });
});
