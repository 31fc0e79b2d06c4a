import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers/axe.ts";
import { sameOrigin, signedInPage } from "./helpers/session.ts";

// Issue 5: a rep's day in the dashboard, in Chromium against the production build, on the seeded demo data.
const SHOTS = "test-results/dashboard";
const DESKTOP = { width: 1280, height: 900 };
const run = Date.now().toString(36);

/** No serious or critical accessibility violation (WCAG 2.1 A/AA rules). */
const rows = (page: Page) => page.getByTestId("leads-table").locator("tbody tr");

test.describe.configure({ mode: "serial" });
let liveLeadUrl = "";

test("a lead posted to the form webhook appears live, with a toast, without a reload", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "admin@fjordbil.no", DESKTOP);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const name = `Live Kunde ${run}`;
  const posted = await page.request.post("/api/webhooks/form/fjordbil-demo", {
    data: {
      name,
      email: `live-${run}@example.no`,
      vehicle_interest: "Tesla Model Y",
      message: "Kan jeg prøvekjøre Tesla Model Y på lørdag?",
    },
  });
  expect(posted.ok()).toBe(true);
  // Arrives without a reload (the __noReload check below); how fast is bench:dashboard's figure, not a limit here.
  await expect(rows(page).first()).toContainText(name, { timeout: 15_000 });
  await expect(page.getByTestId("toast-lead-link").filter({ hasText: name })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await rows(page).first().getByRole("link", { name }).click();
  await expect(page.getByTestId("lead-name")).toHaveText(name);
  liveLeadUrl = page.url();
  // The worker's AI reply shows up in the open thread by itself (SSE → refresh), no reload.
  await expect(page.getByTestId("conversation").locator('[data-sender="ai"]')).toContainText(
    "Tesla Model Y",
    { timeout: 20_000 },
  );
});

test("on the lead: reply by e-mail (to the outbox), status with history, a note, take over and hand back", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "admin@fjordbil.no", DESKTOP);
  await page.goto(liveLeadUrl);
  const reply = `Hei! Lørdag kl. 11 passer fint. ${run}`;
  await page.getByLabel("Melding", { exact: true }).fill(reply);
  await page.getByRole("button", { name: "Send e-post" }).click();
  const mine = page.getByTestId("conversation").locator('[data-sender="human"]').filter({ hasText: reply });
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("delivery-status")).toHaveText(/Sendes|Sendt/);
  await expect(mine.getByTestId("delivery-status")).toHaveText("Sendt", { timeout: 15_000 });

  await page.getByLabel("Status", { exact: true }).selectOption("qualified");
  await page.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(page.getByTestId("status-history")).toContainText("Kvalifisert");
  await page.getByLabel("Status", { exact: true }).selectOption("lost");
  await page.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(page.getByText("Oppgi hvorfor leadet er tapt")).toBeVisible();
  await page.getByLabel("Hvorfor ble leadet tapt?").fill("Valgte en annen forhandler");
  await page.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(page.getByTestId("status-history")).toContainText("Kvalifisert → Tapt");
  await expect(page.getByTestId("status-history")).toContainText("Valgte en annen forhandler");

  await page.getByLabel("Nytt notat").fill(`Ring etter kl. 16 ${run}`);
  await page.getByRole("button", { name: "Lagre notat" }).click();
  await expect(page.getByTestId("notes")).toContainText(`Ring etter kl. 16 ${run}`);

  await page.getByRole("button", { name: "Ta over" }).click();
  await expect(page.getByTestId("ai-paused-badge")).toBeVisible();
  await page.getByRole("button", { name: "Gi tilbake til AI" }).click();
  await expect(page.getByTestId("ai-paused-badge")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Selger tok over");

  // The e-mail went through the mailer port: it is in the outbox.
  await page.goto("/settings/outbox");
  await expect(page.getByText(reply).first()).toBeVisible();
});

test("a Vestland Bil user opening a Fjordbil lead gets 404", async ({ browser }) => {
  const page = await signedInPage(browser, "admin@vestlandbil.no", DESKTOP);
  const response = await page.goto(liveLeadUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("lead-name")).toHaveCount(0);
});

test("inbox and lead pass axe (no serious or critical violations); screenshots at desktop and 390 px", async ({
  browser,
}) => {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["mobile", { width: 390, height: 844 }],
  ] as const) {
    const page = await signedInPage(browser, "selger1@fjordbil.no", viewport);
    // A rep's inbox opens on their own leads that need action (issue 18); everyone's is one view away.
    await page.goto("/leads?view=all");
    await expect(rows(page)).toHaveCount(25);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/inbox-${label}.png`, fullPage: label === "desktop" });
    await page.goto(liveLeadUrl);
    await expect(page.getByTestId("lead-name")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/lead-${label}.png`, fullPage: true });
    // Nothing wider than the screen on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});

test("a manager deletes a lead after confirming", async ({ browser }) => {
  const page = await signedInPage(browser, "leder@fjordbil.no", DESKTOP);
  const created = await page.request.post("/api/leads", {
    headers: sameOrigin(page),
    data: { customer_name: `Slett Meg ${run}`, customer_phone: "912 00 000" },
  });
  const { lead_id } = await created.json();
  // A sales rep may not delete: 403 from the API, and the page shows no delete button.
  const rep = await signedInPage(browser, "selger1@fjordbil.no", DESKTOP);
  expect((await rep.request.delete(`/api/leads/${lead_id}`, { headers: sameOrigin(rep) })).status()).toBe(
    403,
  );
  await rep.goto(`/leads/${lead_id}`);
  await expect(rep.getByTestId("lead-name")).toBeVisible();
  await expect(rep.getByRole("button", { name: "Slett" })).toHaveCount(0);
  await page.goto(`/leads/${lead_id}`);
  await page.getByRole("button", { name: "Slett" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Slett for godt" }).click();
  await expect(page).toHaveURL(/\/leads\?deleted=1/);
  expect((await page.request.get(`/api/leads/${lead_id}`)).status()).toBe(404);
});

test("the inbox lists the seeded leads; status, source, date, assignee, search and paging live in the URL", async ({
  browser,
}) => {
  // A manager's inbox opens on every lead (a rep's on "Mine som trenger handling", see rep-day.spec.ts).
  const page = await signedInPage(browser, "leder@fjordbil.no", DESKTOP);
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByTestId("inbox-total")).toContainText(/\d+ leads/);
  await expect(page.getByTestId("inbox-page")).toContainText("Side 1 av");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");

  await page.getByRole("link", { name: "Neste" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("inbox-page")).toContainText("Side 2 av");
  await page.goBack();
  await expect(page.getByTestId("inbox-page")).toContainText("Side 1 av");

  await page
    .getByRole("navigation", { name: "Filtrer på status" })
    .getByRole("link", { name: "Kontaktet" })
    .click();
  await expect(page).toHaveURL(/status=contacted/);
  await expect(rows(page).first()).toHaveAttribute("data-status", "contacted");
  for (const status of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-status"))))
    expect(status).toBe("contacted");

  await page.getByLabel("Kilde", { exact: true }).selectOption("facebook");
  await expect(page).toHaveURL(/status=contacted&source=facebook/);
  await expect(page.getByTestId("inbox-filters")).not.toHaveAttribute("aria-busy", "true");
  // The demo seed has contacted Facebook leads: an empty list would be a broken filter, not a pass.
  await expect(rows(page).first()).toHaveAttribute("data-source", "facebook");
  const sources = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-source")));
  expect(sources.length).toBeGreaterThan(0);
  for (const source of sources) expect(source).toBe("facebook");
  // Back undoes the source filter, status stays.
  await page.goBack();
  await expect(page).toHaveURL(/\/leads\?status=contacted$/);

  await page.goto("/leads");
  const allTotal = await page.getByTestId("inbox-total").innerText();
  await page.getByLabel("Periode", { exact: true }).selectOption("today");
  await expect(page).toHaveURL(/range=today/);
  await expect(page.getByTestId("inbox-total")).not.toHaveText(allTotal);
  await page.getByLabel("Periode", { exact: true }).selectOption("custom");
  await expect(page).toHaveURL(/range=custom/);
  await page.getByLabel("Fra", { exact: true }).fill("2020-01-01");
  await expect(page).toHaveURL(/from=2020-01-01/);
  await page.getByLabel("Til", { exact: true }).fill("2020-01-31");
  await expect(page).toHaveURL(/to=2020-01-31/);
  await expect(page.getByTestId("inbox-empty")).toContainText("Ingen leads passer til filteret.");

  await page.goto("/leads?assigned=unassigned");
  await expect(page.getByLabel("Selger", { exact: true })).toHaveValue("unassigned");

  // Search by the surname of a seeded customer, typed: the URL follows after a pause.
  await page.goto("/leads");
  // Hydrated (the live stream is connected), so the page's key handlers are in place.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const name = (await rows(page).nth(3).locator("a[data-lead-link]").innerText()).trim();
  const surname = name.split(" ").at(-1)!;
  await page.keyboard.press("/");
  await expect(page.getByLabel("Søk i leads")).toBeFocused();
  await page.keyboard.type(surname.slice(0, 4));
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(surname.slice(0, 4))}`));
  await expect(rows(page).filter({ hasText: name }).first()).toBeVisible();

  // Keyboard: arrows move between leads, Enter opens.
  await page.goto("/leads");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await rows(page).first().locator("a[data-lead-link]").focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows(page).nth(1).locator("a[data-lead-link]")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
});
