import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers/axe.ts";

// The two "send me a link" forms before sign-in (forgot password, sign-in link) are one shared form: a field
// error beside the e-mail that keeps what was typed, then the same answer whether or not the address has a user.
// At 390 px, where a rep asks for a link from the phone.
const PHONE = { width: 390, height: 844 };
const FORMS = [
  {
    path: "/forgot-password",
    heading: "Tilbakestill passord",
    button: "Send lenke",
    sent: "Hvis adressen har en bruker, har vi sendt en lenke.",
  },
  {
    path: "/sign-in/link",
    heading: "Logg inn med lenke",
    button: "Send innloggingslenke",
    sent: "Hvis adressen har en bruker hos oss, har vi sendt en lenke.",
  },
];

for (const form of FORMS)
  test(`${form.path}: a field error, then "sent" whether or not the address has a user`, async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ viewport: PHONE, locale: "nb-NO" })).newPage();
    await page.goto(form.path);
    await expect(page.getByRole("heading", { name: form.heading })).toBeVisible();
    // Before hydration (or without JavaScript) the form posts to its server action: no e-mail in a GET query.
    await expect(page.locator("form").filter({ has: page.getByLabel("E-post") })).toHaveAttribute(
      "method",
      /post/i,
    );
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.getByRole("button", { name: form.button }).click();
    await expect(page.getByText("Ugyldig e-postadresse")).toBeVisible();
    await expect(page.getByLabel("E-post")).toHaveValue("ikke-en-adresse");
    await expectAccessible(page);
    await page.getByLabel("E-post").fill(`ingen-${Date.now().toString(36)}@example.no`);
    await page.getByRole("button", { name: form.button }).click();
    await expect(page.getByRole("status")).toContainText(form.sent);
    await expect(page.getByLabel("E-post")).toHaveCount(0);
  });
