import { expect, test, type Browser } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers/session.ts";

// The path a new dealership takes: sign up, invite a rep, the rep joins and sees only their own dealership.
const run = Date.now().toString(36);
const owner = {
  dealership: `Polarbil ${run} AS`,
  name: "Eva Eier",
  email: `eva-${run}@polarbil.no`,
  password: "polarbil-passord-1",
};
const rep = { name: "Rolf Selger", email: `rolf-${run}@polarbil.no`, password: "selger-passord-12" };

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test.describe.configure({ mode: "serial" });
let inviteLink = "";

test("a dealership owner signs up and lands in an empty inbox", async ({ page }) => {
  await page.goto("/leads");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fleads/);
  await page.getByRole("link", { name: /Opprett konto/ }).click();

  await page.getByRole("button", { name: "Opprett konto" }).click();
  await expect(page.getByText("Forhandlernavn må ha minst 2 tegn")).toBeVisible();

  await page.getByLabel("Forhandlerens navn").fill(owner.dealership);
  await page.getByLabel("Ditt navn").fill(owner.name);
  await page.getByLabel("E-post").fill(owner.email);
  await page.getByLabel("Passord").fill(owner.password);
  await page.getByRole("button", { name: "Opprett konto" }).click();

  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByTestId("dealership-name")).toHaveText(owner.dealership);
  await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
  await expect(page.getByTestId("inbox-empty")).toContainText("Ingen leads ennå.");
});

test("the owner invites a sales rep; the invitation e-mail is in the outbox", async ({ page }) => {
  await signIn(page, owner.email, owner.password, null);
  await expect(page).toHaveURL(/\/leads$/);
  await page.getByRole("link", { name: "Innstillinger" }).click();
  await page.getByRole("navigation", { name: "Innstillinger" }).getByRole("link", { name: "Team" }).click();
  // Settings → Forhandler has e-mail fields of its own: wait for the Team page before filling "E-post".
  await expect(page).toHaveURL(/\/settings\/team$/);
  await page.getByLabel("E-post").fill(rep.email);
  await page.getByRole("button", { name: "Inviter" }).click();
  await expect(page.getByText(`Invitasjonen er sendt: ${rep.email}`)).toBeVisible();
  inviteLink = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByText(rep.email).last()).toBeVisible();

  await page.getByRole("navigation", { name: "Innstillinger" }).getByRole("link", { name: "Utboks" }).click();
  const mail = page.getByTestId("outbox-table").getByRole("row").filter({ hasText: rep.email });
  await expect(mail).toContainText("har invitert deg til");
  // The stored copy must not hand the link to whoever reads the outbox.
  await expect(mail).toContainText("[lenke skjult]");
  await expect(mail).not.toContainText(new URL(inviteLink).pathname);
});

test("the rep accepts the invitation and sees only their dealership", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(new URL(inviteLink).pathname);
  await expect(page.getByRole("heading", { name: `Bli med i ${owner.dealership}` })).toBeVisible();
  await page.getByLabel("Ditt navn").fill(rep.name);
  await page.getByLabel("Passord").fill(rep.password);
  await page.getByRole("button", { name: "Opprett bruker" }).click();

  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByTestId("dealership-name")).toHaveText(owner.dealership);
  // A rep opens on "Mine som trenger handling"; the whole inbox of the new dealership is empty too.
  await expect(page.getByTestId("inbox-empty")).toContainText("Ingenting trenger handling fra deg nå.");
  await page.getByRole("link", { name: "Se alle leads" }).click();
  await expect(page.getByTestId("inbox-empty")).toContainText("Ingen leads ennå.");
  const mine = await (await page.request.get("/api/leads")).json();
  expect(mine.total).toBe(0);

  // The seeded demo dealership has leads; none of them may reach this rep.
  const fjordbil = await newPage(browser);
  await signIn(fjordbil, "admin@fjordbil.no", DEMO_PASSWORD, null);
  await expect(fjordbil).toHaveURL(/\/leads$/);
  const theirs = await (await fjordbil.request.get("/api/leads?limit=5")).json();
  expect(theirs.total).toBeGreaterThan(0);
  const foreignId: string = theirs.leads[0].id;
  expect((await fjordbil.request.get(`/api/leads/${foreignId}`)).status()).toBe(200);
  expect((await page.request.get(`/api/leads/${foreignId}`)).status()).toBe(404);

  // The invitation link is single-use.
  const again = await newPage(browser);
  await again.goto(new URL(inviteLink).pathname);
  await expect(again.getByText(/Invitasjonen er ugyldig, brukt eller utløpt/)).toBeVisible();
});

test("a Vestland Bil user gets 404 for Fjordbil's leads, and the team page lists only Vestland", async ({
  browser,
}) => {
  const fjordbil = await newPage(browser);
  await signIn(fjordbil, "admin@fjordbil.no", DEMO_PASSWORD, null);
  await expect(fjordbil).toHaveURL(/\/leads$/);
  const ids: string[] = (await (await fjordbil.request.get("/api/leads?limit=25")).json()).leads.map(
    (l: { id: string }) => l.id,
  );
  expect(ids.length).toBeGreaterThan(0);

  const vestland = await newPage(browser);
  await signIn(vestland, "admin@vestlandbil.no", DEMO_PASSWORD, null);
  await expect(vestland.getByTestId("dealership-name")).toHaveText("Vestland Bil AS");
  for (const id of ids) expect((await vestland.request.get(`/api/leads/${id}`)).status()).toBe(404);
  for (const id of ids.slice(0, 3)) expect((await vestland.request.get(`/leads/${id}`)).status()).toBe(404);
  const listed: string[] = (await (await vestland.request.get("/api/leads?limit=100")).json()).leads.map(
    (l: { id: string }) => l.id,
  );
  expect(listed.filter((id) => ids.includes(id))).toEqual([]);

  await vestland.goto("/settings/team");
  await expect(vestland.getByTestId("team-table")).toContainText("admin@vestlandbil.no");
  await expect(vestland.getByTestId("team-table")).not.toContainText("fjordbil.no");
});

test("wrong password, and logging out", async ({ page }) => {
  await signIn(page, rep.email, "feil-passord-123", null);
  await expect(page.getByRole("alert").filter({ hasText: "Feil e-postadresse eller passord" })).toBeVisible();
  await signIn(page, rep.email, rep.password, null);
  await expect(page).toHaveURL(/\/leads$/);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in/);

  // A tampered or expired cookie: a clear message, nothing about why.
  await page
    .context()
    .addCookies([{ name: "norvalt_session", value: "tampered-token-value", url: page.url() }]);
  await page.goto("/leads");
  await expect(page).toHaveURL(/\/sign-in\?expired=1/);
  await expect(page.getByText("Økten din er utløpt eller ugyldig. Logg inn igjen.")).toBeVisible();
});

test("the owner adds a walk-in lead by hand: it opens at once and gets no automatic reply", async ({
  page,
}) => {
  await signIn(page, owner.email, owner.password, null);
  await expect(page).toHaveURL(/\/leads$/);
  await page.getByRole("button", { name: "Legg til lead" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Lagre lead" }).click();
  await expect(dialog.getByText("Navn må fylles ut")).toBeVisible();
  await dialog.getByLabel("Navn").fill("Walter Walk-in");
  await dialog.getByLabel("Telefon").fill("41 23 45 67");
  await dialog.getByLabel("Bil kunden er interessert i").fill("Skoda Enyaq");
  await dialog.getByLabel("Notat om henvendelsen").fill("Vil prøvekjøre i morgen");
  await dialog.getByRole("button", { name: "Lagre lead" }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("lead-name")).toHaveText("Walter Walk-in");
  await expect(page.getByTestId("conversation")).toContainText("Vil prøvekjøre i morgen");
  await page.waitForTimeout(1_500); // a reply job, if one were queued, would have run by now
  await page.reload();
  await expect(page.getByTestId("conversation").locator('[data-sender="ai"]')).toHaveCount(0);
});
