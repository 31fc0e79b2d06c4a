import { expect, test } from "@playwright/test";
import { signedInPage } from "./helpers/session.ts";

// Issue 15 items 2 and 3: Settings → Åpningstider and Settings → AI at 1440 px, on the seeded demo data. Every
// change is undone at the end, so the specs after this one see the demo dealership as seeded.
const SHOTS = "test-results/settings-hours-ai";

const PHONE = { width: 390, height: 844 };

test.describe.configure({ mode: "serial" });

test("Åpningstider: a lunch break, a field error, a special day and a kept-open holiday, saved and undone", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "leder@fjordbil.no");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Åpningstider" }).click();
  await expect(page).toHaveURL(/\/settings\/hours/);
  const tuesday = page.getByTestId("day-tue");
  const before = await tuesday
    .getByRole("textbox")
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

  // A second interval that overlaps the first: a field error beside it, nothing saved.
  await tuesday.getByRole("button", { name: "Legg til tidsrom" }).click();
  await tuesday.getByLabel("Tirsdag Åpner").nth(1).fill("12:00");
  await tuesday.getByLabel("Tirsdag Stenger").nth(1).fill("18:00");
  await tuesday.getByLabel("Tirsdag Åpner").first().fill("25:00");
  await page.getByRole("button", { name: "Lagre åpningstider" }).click();
  await expect(page.getByText("Sjekk feltene som er markert")).toBeVisible();
  await expect(tuesday).toContainText("Skriv klokkeslett som TT:MM");

  // Fixed: 09:00–11:30 and 12:00–18:00.
  await tuesday.getByLabel("Tirsdag Åpner").first().fill("09:00");
  await tuesday.getByLabel("Tirsdag Stenger").first().fill("11:30");
  await page.getByRole("button", { name: "Legg til spesiell dag" }).click();
  const special = page.getByTestId("special-day").last();
  await special.getByLabel("Dato").fill("2030-01-15");
  await special.getByLabel("Merknad").fill("Inventar");
  const holidays = page.getByTestId("coming-holidays");
  await expect(holidays.locator("li").first()).toBeVisible();
  await holidays.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "Lagre åpningstider" }).click();
  await expect(page.getByText("Åpningstidene er lagret.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/hours-1440.png`, fullPage: true });

  await page.reload();
  await expect(page.getByTestId("day-tue").getByLabel("Tirsdag Stenger").nth(1)).toHaveValue("18:00");
  await expect(page.getByTestId("special-day")).toHaveCount(2);
  await expect(page.getByTestId("coming-holidays").getByRole("checkbox").first()).toBeChecked();

  // Undo: remove the second interval, the special day and the kept-open holiday.
  const tue = page.getByTestId("day-tue");
  await tue.getByRole("button", { name: "Tirsdag: Fjern tidsrom" }).nth(1).click();
  await tue.getByLabel("Tirsdag Åpner").first().fill(before[0]!);
  await tue.getByLabel("Tirsdag Stenger").first().fill(before[1]!);
  await page.getByTestId("coming-holidays").getByRole("checkbox").first().uncheck();
  await page.getByTestId("special-day").getByRole("button", { name: "Fjern dagen" }).click();
  await page.getByRole("button", { name: "Lagre åpningstider" }).click();
  await expect(page.getByText("Åpningstidene er lagret.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("special-day")).toHaveCount(0);
});

test("AI: the formal address is saved, and 'Send en testlead' shows the reply without sending it", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "admin@fjordbil.no");
  await page.goto("/settings/ai");
  await page.getByLabel("De (formell)").check();
  await page.getByLabel("Egne instruksjoner").fill("Nevn gjerne at vi har gratis kaffe.");
  await page.getByRole("button", { name: "Lagre AI-innstillinger" }).click();
  await expect(page.getByText("AI-innstillingene er lagret.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("De (formell)")).toBeChecked();

  // Too long instructions: a field error, not a crash.
  await page.getByLabel("Egne instruksjoner").fill("x".repeat(1100));
  await page.getByRole("button", { name: "Lagre AI-innstillinger" }).click();
  await expect(page.getByText("Høyst 1000 tegn")).toBeVisible();

  await page.getByRole("button", { name: "Send en testlead" }).click();
  const reply = page.getByTestId("test-lead-reply");
  await expect(reply).toContainText("Hei Ola!", { timeout: 30_000 });
  await expect(reply).toContainText("Dette svaret er skrevet automatisk av Norvalt");
  await expect(reply).not.toContainText(/\b(du|deg)\b/);
  await page.screenshot({ path: `${SHOTS}/ai-1440.png`, fullPage: true });

  // On the test lead the preview can be read and discarded, never approved: it goes to nobody.
  await page.getByRole("link", { name: "Åpne testleaden" }).click();
  const draft = page.getByTestId("draft-review");
  await expect(draft).toContainText("Det sendes aldri.");
  await expect(draft.getByRole("button", { name: "Forkast" })).toBeVisible();
  await expect(draft.getByRole("button", { name: "Godkjenn og send" })).toHaveCount(0);

  // Undo.
  await page.goto("/settings/ai");
  await page.getByLabel("Du (uformell, vanligst)").check();
  await page.getByLabel("Egne instruksjoner").fill("");
  await page.getByRole("button", { name: "Lagre AI-innstillinger" }).click();
  await expect(page.getByText("AI-innstillingene er lagret.")).toBeVisible();
});

test("both pages fit a 390 px phone: every control reachable, nothing wider than the screen", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "leder@fjordbil.no", PHONE);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await page.goto("/settings/hours");
  await expect(page.getByTestId("day-mon").getByLabel("Mandag Åpner").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Lagre åpningstider" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/hours-390.png`, fullPage: true });

  await page.goto("/settings/ai");
  await expect(page.getByLabel("Du (uformell, vanligst)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send en testlead" })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/ai-390.png`, fullPage: true });
});

test("a sales rep cannot use either page", async ({ browser }) => {
  const page = await signedInPage(browser, "selger1@fjordbil.no");
  await page.goto("/settings/hours");
  await expect(page.getByText("Bare administratorer og salgssjefer kan endre åpningstidene.")).toBeVisible();
  await page.goto("/settings/ai");
  await expect(
    page.getByText("Bare administratorer og salgssjefer kan endre AI-innstillingene."),
  ).toBeVisible();
});
