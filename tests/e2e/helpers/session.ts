import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

// Signing in as a seeded demo user (scripts/seed: every demo account has this password), shared by the specs.
export const DEMO_PASSWORD = "norvalt-demo";

/** Sign in through the form; by default waits until the inbox (`/leads…`) is shown. */
export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  landing: RegExp | null = /\/leads/,
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  if (landing) await expect(page).toHaveURL(landing);
}

/** A fresh browser context (its own cookies) with `email` signed in. */
export async function signedInPage(
  browser: Browser,
  email: string,
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
  options: { password?: string; context?: BrowserContextOptions } = {},
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, ...options.context })).newPage();
  await signIn(page, email, options.password);
  return page;
}

/**
 * Headers for a signed-in page's `page.request` mutation of our API: the Origin a browser's fetch sends itself,
 * without which the CSRF check (issue 24) answers 403 before the route is reached.
 */
export function sameOrigin(page: Page): Record<string, string> {
  return { origin: new URL(page.url()).origin };
}
