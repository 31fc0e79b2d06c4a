import { expect, test, type Page } from "@playwright/test";
import { signedInPage } from "./helpers/session.ts";

// Issue 15 item 4, "My profile", in Chromium on the seeded demo: Vestland Bil's rep Per Solheim (nobody else's
// spec signs in as him) verifies a new mobile number on his phone, then manages notifications and sign-ins on a
// desktop. Vestland's admin reads the SMS code from Settings → Utboks (the dev SMS adapter).
const REP = "selger@vestlandbil.no";
const ADMIN = "admin@vestlandbil.no";
// A fresh Norwegian mobile number per run (9xx xx xxx), so the code in the outbox is this run's.
const number = `9${String(Date.now()).slice(-7)}`;
const e164 = `+47${number}`;

// My profile's own content fits the phone's width (the settings tab bar at 390 px is issue 15 item 7's).
const fitsWidth = (page: Page) =>
  page
    .getByTestId("my-profile")
    .evaluate(
      (el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
    );

test.describe.configure({ mode: "serial" });

test("on a 390 px phone the rep enters a number, types the code from the outbox, and it is verified", async ({
  browser,
}) => {
  const phone = await signedInPage(browser, REP, { width: 390, height: 844 });
  await phone.getByTestId("user-menu").click();
  await phone.getByTestId("my-profile-link").click();
  await expect(phone).toHaveURL(/\/settings\/me$/);
  await expect(phone.getByRole("heading", { name: "Min profil" })).toBeVisible();
  expect(await fitsWidth(phone)).toBe(true);

  // Bad input is a field error next to the field.
  await phone.getByLabel("Mobilnummer", { exact: true }).fill("12");
  await phone.getByRole("button", { name: "Send kode" }).click();
  await expect(phone.getByText("Ugyldig mobilnummer")).toBeVisible();

  await phone.getByLabel("Mobilnummer", { exact: true }).fill(number);
  await phone.getByRole("button", { name: "Send kode" }).click();
  await expect(phone.getByText(`Vi har sendt en kode på SMS til ${e164}`)).toBeVisible();
  await expect(phone.getByTestId("phone-status")).toContainText("Ikke bekreftet");

  const admin = await signedInPage(browser, ADMIN, { width: 1440, height: 900 });
  await admin.goto("/settings/outbox");
  const row = admin.getByTestId("outbox-table").locator("tr").filter({ hasText: e164 }).first();
  const code = /\b(\d{6})\b/.exec((await row.locator("pre").textContent()) ?? "")?.[1];
  expect(code).toMatch(/^\d{6}$/);

  await phone.getByLabel("Kode fra SMS").fill(code === "000000" ? "111111" : "000000");
  await phone.getByRole("button", { name: "Bekreft" }).click();
  await expect(phone.getByText(/Feil kode\. 4 forsøk igjen\./)).toBeVisible();
  await phone.getByLabel("Kode fra SMS").fill(code!);
  await phone.getByRole("button", { name: "Bekreft" }).click();
  await expect(phone.getByTestId("phone-verified")).toBeVisible();
  await phone.reload();
  await expect(phone.getByTestId("phone-status")).toContainText(e164);
  await expect(phone.getByTestId("phone-status")).toContainText("Bekreftet");
  expect(await fitsWidth(phone)).toBe(true);
});

test("at 1440 px: notification switches and quiet hours, another sign-in ended, then log out everywhere", async ({
  browser,
}) => {
  const desk = await signedInPage(browser, REP, { width: 1440, height: 900 });
  const other = await signedInPage(browser, REP, { width: 390, height: 844 });
  await desk.goto("/settings");
  await desk.getByRole("link", { name: "Min profil" }).click();
  await expect(desk).toHaveURL(/\/settings\/me$/);

  const form = desk.getByTestId("notifications-form");
  await form.getByRole("group", { name: "Lead venter for lenge" }).getByLabel("E-post").check();
  await form.getByLabel("Ingen SMS i stille timer").check();
  await form.getByLabel("Fra", { exact: true }).fill("22:30");
  await form.getByLabel("Til", { exact: true }).fill("06:45");
  await form.getByRole("button", { name: "Lagre" }).click();
  await expect(form.getByRole("status")).toHaveText("Lagret");
  await desk.reload();
  await expect(desk.getByTestId("notifications-form").getByLabel("Fra", { exact: true })).toHaveValue(
    "22:30",
  );
  await expect(
    desk
      .getByTestId("notifications-form")
      .getByRole("group", { name: "Lead venter for lenge" })
      .getByLabel("E-post"),
  ).toBeChecked();

  // Every sign-in listed, this one marked; ending the other signs that browser out.
  const list = desk.getByTestId("sessions-list");
  await expect(list.locator("li"))
    .toHaveCount(2, { timeout: 5_000 })
    .catch(() => {});
  await expect(list.locator("li[data-current]")).toContainText("Denne enheten");
  const others = list.locator("li:not([data-current])");
  const before = await others.count();
  expect(before).toBeGreaterThan(0);
  await others.first().getByRole("button", { name: "Logg ut" }).click();
  await expect(others).toHaveCount(before - 1);
  // Log out everywhere: this browser too.
  desk.once("dialog", (dialog) => void dialog.accept());
  await desk.getByRole("button", { name: "Logg ut overalt" }).click();
  await expect(desk).toHaveURL(/\/sign-in/);
  await other.goto("/leads");
  await expect(other).toHaveURL(/\/sign-in/);
});
