import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers/axe.ts";
import { findSentEmail, linkIn } from "./helpers/read-sent-email.ts";

// Issue 24, item 4: signing in by e-mailed link, which works whatever the password throttles say. The link is
// read from the mailbox (the loopback Resend `npm test` points the app at), opened, and used with the button (a
// mail scanner opening it would not use it up); a used link does not work twice. Reps sign in on phones too.
const VIEWPORTS = [
  { name: "1440 px", size: { width: 1440, height: 900 }, user: "leder@fjordbil.no" },
  { name: "390 px", size: { width: 390, height: 844 }, user: "selger1@fjordbil.no" },
];

for (const { name, size, user } of VIEWPORTS) {
  test(`${name}: request a sign-in link, open it from the e-mail, signed in`, async ({ browser }) => {
    const page = await (await browser.newContext({ viewport: size, locale: "nb-NO" })).newPage();
    const requested = Date.now();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Få en innloggingslenke på e-post" }).click();
    await expect(page).toHaveURL(/\/sign-in\/link$/);
    await expect(page.getByRole("heading", { name: "Logg inn med lenke" })).toBeVisible();
    await expectAccessible(page);

    // A wrong address gets a field error, not a request.
    await page.getByLabel("E-post").fill("ikke-en-adresse");
    await page.getByRole("button", { name: "Send innloggingslenke" }).click();
    await expect(page.getByLabel("E-post")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("[id$='-error']")).toBeVisible();

    await page.getByLabel("E-post").fill(user);
    await page.getByRole("button", { name: "Send innloggingslenke" }).click();
    await expect(page.getByRole("status")).toContainText(
      "Hvis adressen har en bruker hos oss, har vi sendt en lenke",
    );

    const email = await findSentEmail(user, /Innloggingslenke til Norvalt/, 30_000);
    expect(new Date(email.created_at).getTime()).toBeGreaterThanOrEqual(requested - 1_000);
    const path = linkIn(email, "/sign-in/link/");
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
    // Opening the link alone signs nobody in.
    expect((await page.context().cookies()).some((c) => c.name === "norvalt_session")).toBe(false);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page).toHaveURL(/\/leads/);
    await expect(page.getByTestId("leads-table")).toBeVisible();
    await page.screenshot({ path: `test-results/sign-in-link-${size.width}.png` });

    // Single use: the same link in a fresh browser is refused.
    const other = await (await browser.newContext({ viewport: size, locale: "nb-NO" })).newPage();
    await other.goto(path);
    await other.getByRole("button", { name: "Logg inn" }).click();
    // By its text: Next's route announcer is an (empty) alert too.
    await expect(
      other.getByRole("alert").filter({ hasText: "Lenken er ugyldig, brukt eller utløpt" }),
    ).toBeVisible();
    await expect(other).toHaveURL(/\/sign-in\/link\//);
  });
}
