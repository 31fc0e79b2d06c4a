import { expect, test, type Page } from "@playwright/test";
import twilio from "twilio";
import { signedInPage } from "./helpers/session.ts";

// Issue 20: a customer's SMS reply appears live on the lead, the AI's draft waits for approval, the rep approves it
// from the lead page and the SMS goes to the outbox; "can I talk to a person" stops the AI and alerts the rep.
// Against the production build with its worker; Twilio's webhook is posted and signed like Twilio does it.
// scripts/test.ts starts the app with this auth token (TWILIO_AUTH_TOKEN); the app signs against APP_URL.
const TWILIO_TOKEN = "e2e-twilio-auth-token";
const run = Date.now().toString(36);
const digits = () => String(Math.floor(Math.random() * 1e7)).padStart(7, "0");
const dealerNumber = `+479${digits()}`;

/** A customer's SMS to the dealership's number, as Twilio posts it (form-encoded, X-Twilio-Signature). */
async function customerTexts(page: Page, from: string, text: string) {
  const url = new URL("/api/webhooks/twilio/sms", process.env.APP_URL ?? process.env.E2E_BASE_URL).href;
  const sid = `SM${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}`;
  const params: Record<string, string> = {
    ToCountry: "NO",
    SmsMessageSid: sid,
    NumMedia: "0",
    SmsSid: sid,
    SmsStatus: "received",
    Body: text,
    FromCountry: "NO",
    To: dealerNumber,
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: "AC65e5fb02b03e313931e5136952aa23bf",
    From: from,
    ApiVersion: "2010-04-01",
  };
  const res = await page.request.post("/api/webhooks/twilio/sms", {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_TOKEN, url, params),
    },
    data: new URLSearchParams(params).toString(),
  });
  expect(res.status()).toBe(200);
  return res.headers()["x-norvalt-sms"];
}

const thread = (page: Page) => page.getByTestId("conversation");

test.describe.configure({ mode: "serial" });
let leadUrl = "";
let customer = "";

test("an admin gives the dealership its SMS number (draft mode is the default)", async ({ browser }) => {
  const page = await signedInPage(browser, "admin@fjordbil.no", { width: 1440, height: 900 });
  await page.goto("/settings/conversation");
  await expect(page.getByLabel(/Utkast – en selger godkjenner hvert svar/)).toBeChecked();
  await page.getByLabel("Forhandlerens SMS-nummer (Twilio)").fill(dealerNumber);
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByRole("status")).toHaveText("Innstillingene er lagret.");
  await page.reload();
  await expect(page.getByLabel("Forhandlerens SMS-nummer (Twilio)")).toHaveValue(dealerNumber);
});

test("1440 px: the customer's SMS reply appears live, the AI's draft waits, one tap sends it to the outbox", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "admin@fjordbil.no", { width: 1440, height: 900 });
  customer = `+479${digits()}`;
  expect(await customerTexts(page, customer, `Hei! Er Tesla Model Y ledig? ${run}`)).toBe("new_lead");
  await page.goto(`/leads?q=${encodeURIComponent(customer.slice(3))}`);
  await page.getByTestId("leads-table").locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}/);
  leadUrl = page.url();
  // The first reply goes back by SMS (the lead came by SMS).
  await expect(thread(page).locator('[data-sender="ai"][data-channel="sms"]').first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const reply = `Takk! Kan jeg prøvekjøre den på lørdag? ${run}`;
  expect(await customerTexts(page, customer, reply)).toBe("threaded");
  await expect(thread(page).locator('[data-sender="customer"]').filter({ hasText: reply })).toBeVisible({
    timeout: 5_000,
  });
  const draft = thread(page).locator('[data-sender="ai"][data-delivery="draft"]');
  await expect(draft).toBeVisible({ timeout: 20_000 });
  await expect(draft).toContainText(/lørdag/i);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await draft.getByRole("button", { name: "Godkjenn og send SMS" }).click();
  const sent = thread(page).locator('[data-sender="ai"][data-channel="sms"]').last();
  await expect(sent.getByTestId("delivery-status")).toHaveText(/Sendes|Sendt/);
  await expect(sent).toHaveAttribute("data-delivery", /pending|queued|sent|delivered/);
  await page.screenshot({ path: "test-results/conversation/lead-1440.png", fullPage: true });

  await page.goto("/settings/outbox");
  await expect(page.getByTestId("outbox-table")).toContainText(/lørdag/i);
});

test("390 px: 'kan jeg snakke med en person?' stops the AI and alerts the rep", async ({ browser }) => {
  const page = await signedInPage(browser, "admin@fjordbil.no", { width: 390, height: 844 });
  await page.goto(leadUrl);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  // The lead came by SMS: its first message is shown as an SMS.
  await expect(thread(page).locator('[data-sender="customer"]').first()).toHaveAttribute(
    "data-channel",
    "sms",
  );
  const ask = `Kan jeg snakke med en person? ${run}`;
  expect(await customerTexts(page, customer, ask)).toBe("threaded");
  await expect(thread(page).locator('[data-sender="customer"]').filter({ hasText: ask })).toBeVisible({
    timeout: 5_000,
  });
  // The AI hands over: paused ("Gi tilbake til AI" is offered), and no new draft.
  await expect(page.getByRole("button", { name: "Gi tilbake til AI" })).toBeVisible({ timeout: 20_000 });
  await expect(thread(page).locator('[data-delivery="draft"]')).toHaveCount(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/conversation/lead-390.png", fullPage: true });

  const admin = await signedInPage(browser, "admin@fjordbil.no", { width: 1440, height: 900 });
  await admin.goto("/settings/outbox");
  await expect(admin.getByTestId("outbox-table")).toContainText("AI-en har stoppet", { timeout: 20_000 });
});
