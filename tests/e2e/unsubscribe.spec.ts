import { expect, test } from "@playwright/test";
import { createUnsubscribeToken } from "../../lib/suppressions/unsubscribe-token.ts";

// The footer link of a reply e-mail, in the browser: GET only shows the button (mail scanners prefetch links),
// the button posts, and the page then confirms. The token is made here with the run's signing secret.
const API_KEY = "nv_fjordbil_demo_key_for_local_use_only";

test("a customer unsubscribes from the link in a reply e-mail", async ({ page, request }) => {
  const email = `avmeld-${Date.now()}@example.no`;
  const posted = await request.post("/api/webhooks/form/fjordbil-demo", {
    data: { name: "Aud Avmeld", email, message: "Hei" },
    headers: { "x-forwarded-for": "203.0.113.77" },
  });
  const { lead_id } = await posted.json();
  const lead = await (
    await request.get(`/api/leads/${lead_id}`, { headers: { authorization: `Bearer ${API_KEY}` } })
  ).json();
  const token = createUnsubscribeToken({ dealershipId: lead.lead.dealership_id, email, leadId: lead_id });

  await page.goto(`/avmeld/${token}`);
  await expect(page.getByRole("heading", { name: "Meld deg av" })).toBeVisible();
  await expect(page.getByText("Fjordbil AS")).toBeVisible();
  await page.getByRole("button", { name: "Meld meg av" }).click();
  await expect(page.getByRole("heading", { name: "Du er meldt av" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("sender ikke flere e-poster");

  // A tampered link is refused with a clear page, not an error.
  const tampered = await page.goto(`/avmeld/${token.slice(0, -2)}xx`);
  expect(tampered?.status()).toBe(404);
});
