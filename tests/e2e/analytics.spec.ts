import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./helpers/axe.ts";
import { signedInPage } from "./helpers/session.ts";

// Issue 21: the Analyse page on the demo data — range presets, a pie slice into the filtered inbox, live refresh,
// a sales rep's own row, and the page at 390 px without sideways scrolling.
const run = Date.now().toString(36);

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

  // The counts per source as the table beside the donut shows them, to compare with the inbox afterwards.
  const counts = new Map<string, number>();
  for (const row of await page.getByTestId("source-table").locator("tbody tr").all()) {
    const href = (await row.locator("a").getAttribute("href")) ?? "";
    counts.set(
      new URLSearchParams(href.split("?")[1]).get("source")!,
      Number((await row.locator("td").nth(1).innerText()).replace(/\D/g, "")),
    );
  }
  // A real click on a point inside the first slice (a donut slice's bounding-box centre can be the hole).
  const slice = page.getByTestId("source-chart").locator("path.recharts-sector").first();
  await slice.scrollIntoViewIfNeeded();
  await expect(slice).toBeVisible();
  const point = await slice.evaluate((path) => {
    const box = path.getBoundingClientRect();
    for (let i = 1; i < 20; i++)
      for (let j = 1; j < 20; j++) {
        const x = box.left + (box.width * i) / 20;
        const y = box.top + (box.height * j) / 20;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    return null;
  });
  expect(point).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
  await expect(page).toHaveURL(
    /\/leads\?source=\w+&range=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/,
  );
  const source = new URL(page.url()).searchParams.get("source")!;
  expect(counts.get(source)).toBeGreaterThan(0);
  await expect(page.getByTestId("inbox-total")).toHaveText(new RegExp(`(^|\\D)${counts.get(source)}(\\D|$)`));
});

test("a manager reads the follow-up effect per step: the figures the API gives (1440 px)", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "leder@fjordbil.no");
  await page.goto("/analytics?range=90d");
  const card = page.getByTestId("follow-up-effect");
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByRole("heading", { name: "Oppfølging" })).toBeVisible();
  const rows = card.getByTestId("follow-up-effect-table").locator("tbody tr");
  await expect(rows.first()).toContainText("Oppfølging 1");
  // The same range through the API (the CSV link carries the page's from/to): every row matches.
  const href = await page.getByRole("link", { name: "Oppfølging · CSV" }).getAttribute("href");
  const query = new URLSearchParams(href!.split("?")[1]);
  const api = await page.request.get(
    `/api/analytics/summary?from=${query.get("from")}&to=${query.get("to")}`,
  );
  const { follow_up_effect: effect } = (await api.json()) as {
    follow_up_effect: { step: number; sent: number; replied: number }[];
  };
  expect(effect.length).toBeGreaterThan(0);
  expect(effect[0]!.sent).toBeGreaterThan(0);
  expect(effect.some((e) => e.replied > 0)).toBe(true);
  await expect(rows).toHaveCount(effect.length);
  for (const [i, e] of effect.entries()) {
    const cells = rows.nth(i).locator("td");
    await expect(cells.nth(0)).toHaveText(`Oppfølging ${e.step}`);
    await expect(cells.nth(1)).toHaveText(String(e.sent));
    await expect(cells.nth(2)).toHaveText(String(e.replied));
  }
  const csv = await page.request.get(href!);
  expect(await csv.text()).toContain(`${effect[0]!.step},${effect[0]!.sent},${effect[0]!.replied},`);
  await expectAccessible(page);
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
  await expect.poll(() => total(page), { timeout: 15_000 }).toBe(before + 1);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test("a sales rep sees only their own row, and the page fits 390 px", async ({ browser }) => {
  const page = await signedInPage(browser, "selger1@fjordbil.no", { width: 390, height: 844 });
  await page.goto("/analytics?range=90d");
  await expect(page.getByRole("heading", { name: "Analyse" })).toBeVisible();
  await expect(page.getByTestId("reps-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("source-chart")).toBeVisible();
  await expect(page.getByTestId("follow-up-effect-table")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/analytics/analytics-390.png", fullPage: true });
});
