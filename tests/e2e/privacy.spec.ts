import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedInPage } from "./helpers/session.ts";

// Issue 22: an admin looks a person up, exports their data (downloaded once through the signed link) and erases
// them. Privacy is an admin/manager page (reps never use it), so 1440 px; the public /personvern page, which a
// customer opens from an e-mail on a phone, at 390 px.

/** Signed in at `viewport`, in a context that accepts the export's download. */
const signedIn = (browser: Browser, email: string, viewport = { width: 1440, height: 900 }): Promise<Page> =>
  signedInPage(browser, email, viewport, { context: { acceptDownloads: true } });

test("an admin finds a person, exports their data once and erases them", async ({ browser, request }) => {
  const email = `personvern-${Date.now()}@example.no`;
  const posted = await request.post("/api/webhooks/form/fjordbil-demo", {
    data: { name: "Per Personvern", email, message: "Hei, har dere en elbil?" },
    headers: { "x-forwarded-for": "203.0.113.92" },
  });
  expect(posted.ok()).toBe(true);

  const page = await signedIn(browser, "admin@fjordbil.no");
  await page.goto("/settings/privacy");
  await page.getByTestId("person-search-form").getByLabel("E-post").fill(email);
  await page.getByTestId("person-search-form").getByRole("button", { name: "Søk" }).click();
  const view = page.getByTestId("person-view");
  await expect(view.getByText("Per Personvern").first()).toBeVisible();
  await expect(view.getByText("Grunnlag: svar på henvendelse")).toBeVisible();

  await view.getByTestId("privacy-export").click();
  await expect(page.getByText("Eksporten er startet").first()).toBeVisible();
  // The worker runs the export job; the page shows the one-time link when it is done.
  const link = page.getByTestId("privacy-requests").getByRole("link", { name: "Last ned (én gang)" });
  await expect(async () => {
    await page.reload();
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const href = (await link.getAttribute("href"))!;
  const first = await request.get(href);
  expect(first.status()).toBe(200);
  expect(JSON.stringify(await first.json())).toContain(email);
  expect((await request.get(href)).status()).toBe(404);
  // The readable summary beside it: opened in the browser (printable to PDF), once.
  const summary = page.getByTestId("privacy-requests").getByRole("link", { name: /Lesbar oversikt/ });
  const htmlHref = (await summary.getAttribute("href"))!;
  const summaryPage = await page.context().newPage();
  await summaryPage.goto(htmlHref);
  await expect(summaryPage.getByRole("heading", { level: 1 })).toContainText("Dine personopplysninger hos");
  await expect(summaryPage.getByText("Per Personvern").first()).toBeVisible();
  await expect(summaryPage.getByText(email).first()).toBeVisible();
  await summaryPage.close();
  expect((await request.get(htmlHref)).status()).toBe(404);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByTestId("person-search-form").getByLabel("E-post").fill(email);
  await page.getByTestId("person-search-form").getByRole("button", { name: "Søk" }).click();
  await view.getByTestId("privacy-erase").click();
  await expect(page.getByText(/Personen er slettet/).first()).toBeVisible();
  await page.getByTestId("person-search-form").getByRole("button", { name: "Søk" }).click();
  await expect(view.getByText("E-post sperret")).toBeVisible();
  await expect(view.getByText("Per Personvern")).toHaveCount(0);

  await page.goto("/settings/audit?group=privacy");
  await expect(page.getByTestId("audit-table")).toContainText("privacy.erased");
  await expect(page.getByTestId("audit-table")).not.toContainText(email);
});

test("an admin exports the whole dealership: progress, then a zip to download, audited", async ({
  browser,
}) => {
  const page = await signedIn(browser, "admin@fjordbil.no");
  await page.goto("/settings/privacy");
  await page.getByTestId("dealership-export").click();
  await expect(page.getByText("Eksporten er startet").first()).toBeVisible();
  const row = page.getByTestId("privacy-requests").locator('tr[data-kind="dealership_export"]').first();
  await expect(row).toContainText("Hele forhandleren");
  // No reload: the page follows the job by itself until the link is there.
  const zipLink = row.getByRole("link", { name: "Last ned (zip)" });
  await expect(zipLink).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText("utløper");
  await page.screenshot({ path: "test-results/privacy-dealership-export-1440.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), zipLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^norvalt-eksport-\d{4}-\d{2}-\d{2}\.zip$/);
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.toString("latin1")).toContain("leads.csv");

  await page.goto("/settings/audit?group=privacy");
  await expect(page.getByTestId("audit-table")).toContainText("privacy.dealership_export_requested");
  await expect(page.getByTestId("audit-table")).toContainText("privacy.dealership_exported");
});

test("the privacy notice is public and fits a phone", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto("/personvern");
  await expect(page.getByRole("heading", { name: "Personvern", level: 1 })).toBeVisible();
  await expect(page.getByTestId("retention-list")).toContainText("24 måneder");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
