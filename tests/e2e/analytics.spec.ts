import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

// Issue 21: the Analyse page on the demo data — range presets, a pie slice into the filtered inbox, live refresh,
// a sales rep's own row, and the page at 390 px without sideways scrolling.
const DEMO_PASSWORD = "norvalt-demo";
const run = Date.now().toString(36);

async function signedInPage(browser: Browser, email: string, viewport = { width: 1440, height: 900 }) {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/leads/);
  return page;
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const severe = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(severe).toEqual([]);
}

const total = async (page: Page) =>
  Number((await page.getByTestId("figure-total").locator("p").first().innerText()).replace(/\D/g, ""));

test("a manager changes the range and clicks a pie slice into the filtered inbox (1440 px)", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "leder@fjordbil.no");
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { name: "Analyse" })).toBeVisible();
  const period30 = await page.getByTestId("analytics-period").innerText();
  await page.getByTestId("range-presets").getByRole("link", { name: "7 dager" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByTestId("analytics-period")).not.toHaveText(period30);
  await page.getByTestId("range-presets").getByRole("link", { name: "90 dager" }).click();
  await expect(page).toHaveURL(/range=90d/);
  await expect(page.getByTestId("reps-table").locator("tbody tr")).not.toHaveCount(1);
  await expectAccessible(page);

  const slice = page.getByTestId("source-chart").locator("path.recharts-sector").first();
  await expect(slice).toBeVisible();
  const source = await slice.getAttribute("data-source");
  expect(source).toBeTruthy();
  const sourceRow = page
    .getByTestId("source-table")
    .locator("tbody tr")
    .filter({
      has: page.locator(`a[href*="source=${source}"]`),
    });
  const expected = Number((await sourceRow.locator("td").nth(1).innerText()).replace(/\D/g, ""));
  await slice.click();
  await expect(page).toHaveURL(
    new RegExp(`/leads\\?source=${source}&range=custom&from=\\d{4}-\\d{2}-\\d{2}&to=`),
  );
  await expect(page.getByTestId("inbox-total")).toContainText(String(expected));
});

test("new leads update the figures live, without reloading the page", async ({ browser }) => {
  const page = await signedInPage(browser, "admin@fjordbil.no");
  await page.goto("/analytics?range=today");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  const before = await total(page);
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const posted = await page.request.post("/api/webhooks/form/fjordbil-demo", {
    data: {
      name: `Analyse Kunde ${run}`,
      email: `analyse-${run}@example.no`,
      message: "Hei, er bilen ledig?",
    },
  });
  expect(posted.ok()).toBe(true);
  await expect.poll(() => total(page), { timeout: 5_000 }).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test("a sales rep sees only their own row, and the page fits 390 px", async ({ browser }) => {
  const page = await signedInPage(browser, "selger1@fjordbil.no", { width: 390, height: 844 });
  await page.goto("/analytics?range=90d");
  await expect(page.getByRole("heading", { name: "Analyse" })).toBeVisible();
  await expect(page.getByTestId("reps-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("source-chart")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/analytics/analytics-390.png", fullPage: true });
});
