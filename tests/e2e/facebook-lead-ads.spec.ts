import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startFakeGraph, type FakeGraph } from "../fakes/graph-server.ts";

// Meta Lead Ads as an admin meets it: connect the dealership's Page through "Koble til med Facebook" (Meta's login
// dialog is the loopback fake that `npm test` points the app at), receive a signed lead delivery, see the lead in
// the inbox and its delivery in Settings, then disconnect.
let graph: FakeGraph;
const PAGE_ID = `7${Date.now()}`;
const LEADGEN_ID = `8${Date.now()}`;
const CUSTOMER = `Marte Meta ${Date.now().toString().slice(-5)}`;

test.beforeAll(async () => {
  const port = Number(process.env.E2E_FAKE_GRAPH_PORT);
  // A failure, not a skip: without the fake the app talks to nobody, and a silent skip would hide that.
  if (!port)
    throw new Error(
      "E2E_FAKE_GRAPH_PORT is not set: run through `npm test`, which points the app at the fake Graph API",
    );
  graph = await startFakeGraph({ port, appId: "e2e-app", appSecret: process.env.FACEBOOK_APP_SECRET });
  graph.addPage({ id: PAGE_ID, name: "Fjordbil på Facebook", token: `page-token-${PAGE_ID}` });
  graph.setLoginPages([PAGE_ID]);
  graph.addLead(PAGE_ID, {
    id: LEADGEN_ID,
    form_id: `${PAGE_ID}-form`,
    field_data: [
      { name: "full_name", values: [CUSTOMER] },
      { name: "email", values: [`marte-${LEADGEN_ID}@example.no`] },
      { name: "phone_number", values: ["+4791234567"] },
      { name: "which_car", values: ["Tesla Model Y"] },
    ],
  });
});
test.afterAll(async () => graph?.close());

test("an admin connects a Facebook Page, and its leads reach the inbox", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-post").fill("admin@fjordbil.no");
  await page.getByLabel("Passord").fill("norvalt-demo");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL(/\/leads/);

  await page.goto("/settings/integrations");
  await page.getByRole("link", { name: "Koble til med Facebook" }).click();
  await expect(page.getByTestId("facebook-login-result")).toContainText("Koblet til: Fjordbil på Facebook");
  const pages = page.getByTestId("facebook-pages");
  await expect(pages).toContainText("Fjordbil på Facebook");
  await expect(pages).toContainText("Aktiv");
  expect(graph.isSubscribed(PAGE_ID)).toBe(true);

  const body = JSON.stringify({
    object: "page",
    entry: [
      {
        id: PAGE_ID,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: "leadgen",
            value: { leadgen_id: LEADGEN_ID, page_id: PAGE_ID, form_id: `${PAGE_ID}-form`, created_time: 1 },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac("sha256", process.env.FACEBOOK_APP_SECRET!).update(body).digest("hex")}`;
  const delivered = await page.request.post("/api/webhooks/facebook", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
  });
  expect(delivered.status()).toBe(200);

  // The worker fetches the lead from Graph within seconds.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("facebook-deliveries")).toContainText("Lagt inn", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: "test-results/facebook/integrations.png", fullPage: true });

  await page.getByTestId("facebook-deliveries").getByRole("link", { name: "Åpne lead" }).first().click();
  await expect(page.getByTestId("lead-name")).toHaveText(CUSTOMER);

  await page.goto("/settings/integrations");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("facebook-pages").getByRole("button", { name: "Koble fra" }).click();
  await expect(page.getByText("Ingen Facebook-sider er koblet til ennå.")).toBeVisible();
  expect(graph.isSubscribed(PAGE_ID)).toBe(false);
});
