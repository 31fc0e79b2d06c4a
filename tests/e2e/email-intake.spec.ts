import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers/session.ts";

// E-mail intake as a dealership meets it: the inbound address and forwarding help in Settings, then an importer
// portal's notification uploaded as an .eml becomes a lead with the customer's details (never the portal's
// no-reply sender) and gets the AI's reply, which lands in the outbox addressed to the customer.
const stamp = Date.now().toString().slice(-6);
const CUSTOMER_EMAIL = `kari.e2e.${stamp}@example.no`;
const eml = readFileSync(new URL("../fixtures/emails/toyota-portal-plain.eml", import.meta.url), "latin1")
  .replace("kari.nordmann@example.no", CUSTOMER_EMAIL)
  .replace("Kari Nordmann", `Kari E2e${stamp}`)
  .replace(/^Message-ID: .*$/m, `Message-ID: <e2e-${stamp}@leads.toyota.no>`);

test("Settings shows the dealership's inbound address with forwarding help", async ({ page }) => {
  await signIn(page, "admin@fjordbil.no");
  await page.goto("/settings/integrations");
  await expect(page.getByTestId("inbound-email-address")).toContainText("fjordbil-demo@");
  await expect(page.getByRole("heading", { name: "Videresending i Gmail / Google Workspace" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Videresending i Outlook / Microsoft 365" })).toBeVisible();
});

test("an uploaded portal e-mail becomes a lead and gets the AI reply in the outbox", async ({ page }) => {
  await signIn(page, "admin@fjordbil.no");
  await page.getByRole("link", { name: "E-post" }).click();
  await page.waitForURL(/\/emails$/);
  await page.getByTestId("upload-eml-input").setInputFiles({
    name: "toyota-lead.eml",
    mimeType: "message/rfc822",
    buffer: Buffer.from(eml, "latin1"),
  });
  await page.waitForURL(/\/emails\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("email-subject")).toContainText("Prøvekjøring Toyota bZ4X");

  // The worker processes it in the background: look again until it is a lead.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("email-lead-link")).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const extracted = page.getByTestId("email-extracted");
  await expect(extracted.locator('[data-field="email"]')).toHaveText(CUSTOMER_EMAIL);
  await expect(extracted.locator('[data-field="source"]')).toHaveText("toyota.no");
  await page.screenshot({ path: "test-results/emails/email-detail.png", fullPage: true });

  await page.getByTestId("email-lead-link").click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("lead-name")).toHaveText(`Kari E2e${stamp}`);
  // The lead links back to the e-mail it came from.
  await expect(page.getByTestId("lead-email-link")).toHaveAttribute("href", /^\/emails\/[0-9a-f-]{36}$/);
  await expect(async () => {
    await page.reload();
    await expect(page.locator('[data-sender="ai"]').first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/settings/outbox");
  const reply = page.getByTestId("outbox-table").getByRole("row").filter({ hasText: CUSTOMER_EMAIL });
  await expect(reply.first()).toBeVisible();
  await expect(page.getByTestId("outbox-table")).not.toContainText("no-reply@toyota.no");

  await page.goto("/emails");
  await expect(page.getByTestId("emails-table")).toContainText("Prøvekjøring Toyota bZ4X");
  await page.screenshot({ path: "test-results/emails/email-list.png", fullPage: true });
});
