import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers/session.ts";

// Settings → Forhandler at 1440 px: a new owner fills in the dealership profile (field errors first), uploads and
// removes a logo; a demo sales rep sees the profile read-only.
const run = Date.now().toString(36);
const owner = {
  dealership: `Profilbil ${run} AS`,
  name: "Pål Profil",
  email: `pal-${run}@profilbil.no`,
  password: "profilbil-passord-1",
};
// A 2×2 red PNG, and an SVG disguised as one.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAE0lEQVQImWP4z8DwnwGM/zMwAAAf7gP9qS/A4gAAAABJRU5ErkJggg==",
  "base64",
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

test.use({ viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: "serial" });

test("a new owner fills in the dealership profile", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Forhandlerens navn").fill(owner.dealership);
  await page.getByLabel("Ditt navn").fill(owner.name);
  await page.getByLabel("E-post").fill(owner.email);
  await page.getByLabel("Passord").fill(owner.password);
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page).toHaveURL(/\/leads$/);

  await page.goto("/settings");
  const form = page.getByTestId("dealership-profile-form");
  await expect(form.getByLabel("Visningsnavn")).toHaveValue(owner.dealership);
  await expect(form.getByLabel("Tidssone")).toHaveValue("Europe/Oslo");
  // The form-key rows are still there.
  await expect(page.getByTestId("form-key")).not.toBeEmpty();

  // Bad values: each gets its own message next to the field, and nothing typed is lost.
  await form.getByLabel("Organisasjonsnummer").fill("974 760 674");
  await form.getByLabel("Postnummer").fill("58");
  await form.getByLabel("Telefon", { exact: true }).fill("123");
  await form.getByLabel("Nettside").fill("javascript:alert(1)");
  await form.getByLabel("Juridisk navn").fill("<b>Profilbil</b>");
  await form.getByRole("button", { name: "Lagre profil" }).click();
  await expect(form.getByText("Ugyldig organisasjonsnummer (kontrollsifferet stemmer ikke)")).toBeVisible();
  await expect(form.getByText("Postnummeret har 4 siffer")).toBeVisible();
  await expect(form.getByText(/Ugyldig telefonnummer/)).toBeVisible();
  await expect(form.getByText("Skriv en nettadresse som https://fjordbil.no")).toBeVisible();
  await expect(form.getByText("Bare ren tekst – HTML og kode er ikke tillatt")).toBeVisible();
  await expect(form.getByLabel("Organisasjonsnummer")).toHaveValue("974 760 674");
  await expect(form.getByLabel("Organisasjonsnummer")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Juridisk navn").fill(`Profilbil Holding ${run} AS`);
  await form.getByLabel("Organisasjonsnummer").fill("974 760 673");
  await form.getByLabel("Adresse").fill("Storgata 10");
  await form.getByLabel("Postnummer").fill("0155");
  await form.getByLabel("Poststed").fill("Oslo");
  await form.getByLabel("Telefon", { exact: true }).fill("22 33 44 55");
  await form.getByLabel("Kontakt-e-post").fill(`post-${run}@profilbil.no`);
  await form.getByLabel("Nettside").fill("profilbil.no");
  await form.getByLabel("Tidssone").selectOption("Europe/Oslo");
  await form.getByLabel("E-post til service").fill(`verksted-${run}@profilbil.no`);
  await form.getByLabel("Telefon til service").fill("+47 22 99 88 77");
  await form.getByLabel("Profilfarge", { exact: true }).fill("#0A7D3B");
  await form.getByLabel("E-postsignatur").fill("Vennlig hilsen\nProfilbil AS 🚗\nTlf. 22 33 44 55");
  await form.getByRole("button", { name: "Lagre profil" }).click();
  await expect(form.getByRole("status")).toHaveText("Profilen er lagret");

  // Stored normalised, shown formatted.
  await page.reload();
  await expect(form.getByLabel("Organisasjonsnummer")).toHaveValue("974 760 673");
  await expect(form.getByLabel("Telefon", { exact: true })).toHaveValue("22 33 44 55");
  await expect(form.getByLabel("Telefon til service")).toHaveValue("22 99 88 77");
  await expect(form.getByLabel("Nettside")).toHaveValue("https://profilbil.no");
  await expect(form.getByLabel("Profilfarge", { exact: true })).toHaveValue("#0a7d3b");
  await expect(form.getByLabel("E-postsignatur")).toHaveValue(
    "Vennlig hilsen\nProfilbil AS 🚗\nTlf. 22 33 44 55",
  );
  await page.screenshot({ path: "test-results/dealership-profile/profile-1440.png", fullPage: true });
});

test("the owner uploads a logo (an SVG is refused) and removes it", async ({ page }) => {
  await signIn(page, owner.email, owner.password);
  await page.goto("/settings");
  const card = page.getByTestId("logo-card");
  await expect(card.getByText("Ingen logo lastet opp.")).toBeVisible();

  await card
    .getByLabel("Logo", { exact: true })
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: SVG });
  await card.getByRole("button", { name: "Last opp logo" }).click();
  await expect(card.getByText("Logoen må være en PNG- eller JPEG-fil")).toBeVisible();

  await card
    .getByLabel("Logo", { exact: true })
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await card.getByRole("button", { name: "Last opp logo" }).click();
  await expect(card.getByText("Logoen er lastet opp")).toBeVisible();
  const preview = card.getByTestId("logo-preview");
  await expect(preview).toBeVisible();
  const src = (await preview.getAttribute("src"))!;
  expect(src).toMatch(/\/api\/public\/logos\/[0-9a-f-]{36}\/[0-9a-f]{16}\.png$/);
  // Public: a fresh context without a session loads it, cached for a year.
  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.get(new URL(src).pathname);
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  await anonymous.close();

  page.once("dialog", (dialog) => dialog.accept());
  await card.getByRole("button", { name: "Fjern logo" }).click();
  await expect(card.getByText("Ingen logo lastet opp.")).toBeVisible();
});

test("a sales rep sees the dealership profile read-only", async ({ page }) => {
  await signIn(page, "selger1@fjordbil.no", DEMO_PASSWORD);
  await page.goto("/settings");
  await expect(page.getByTestId("dealership-profile-summary")).toContainText(
    "Bare administratorer kan endre profilen.",
  );
  await expect(page.getByTestId("dealership-profile-form")).toHaveCount(0);
  await expect(page.getByTestId("logo-card")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lagre profil" })).toHaveCount(0);
});
