import { expect, test, type Browser, type Page } from "@playwright/test";
import { sameOrigin, signIn } from "./helpers/session.ts";

// Issue 15 items 5–7 with a dealership of its own (no seed help): the owner runs the team — invite, resend,
// change a role, the last-admin rule, deactivate (sessions end, open leads move) — and a sales rep sees only the
// settings they can use. At 1440 px and at 390 px (a phone), where nothing may scroll sideways.
const run = Date.now().toString(36);
const owner = {
  dealership: `Teambil ${run} AS`,
  name: "Tove Teameier",
  email: `tove-${run}@teambil.no`,
  password: "teambil-passord-1",
};
const rep = { name: "Rune Rep", email: `rune-${run}@teambil.no`, password: "rune-passord-123" };
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const LAST_ADMIN = "Dere må ha minst én aktiv administrator";

async function page(browser: Browser, viewport = DESKTOP) {
  return (await browser.newContext({ viewport })).newPage();
}

async function expectNoSidewaysScroll(p: Page) {
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

const member = (p: Page, email: string) => p.getByTestId("member-row").filter({ hasText: email });

test.describe.configure({ mode: "serial" });
let repLink = "";

test("a new owner sees the onboarding checklist on the empty inbox and in Settings", async ({ browser }) => {
  const p = await page(browser);
  await p.goto("/sign-up");
  await p.getByLabel("Forhandlerens navn").fill(owner.dealership);
  await p.getByLabel("Ditt navn").fill(owner.name);
  await p.getByLabel("E-post").fill(owner.email);
  await p.getByLabel("Passord").fill(owner.password);
  await p.getByRole("button", { name: "Opprett konto" }).click();
  await expect(p).toHaveURL(/\/leads$/);
  const checklist = p.getByTestId("onboarding-checklist");
  await expect(checklist).toContainText("Kom i gang");
  await expect(checklist).toContainText("0 av 7 steg er gjort");
  await expect(checklist.getByRole("link", { name: "Inviter selgere med mobilnummer" })).toHaveAttribute(
    "href",
    "/settings/team",
  );
  await p.getByRole("link", { name: "Innstillinger" }).click();
  await expect(p.getByTestId("onboarding-checklist")).toBeVisible();
});

test("the owner invites, resends (the old link dies) and a rep joins", async ({ browser }) => {
  const p = await page(browser);
  await signIn(p, owner.email, owner.password, /\/leads$/);
  await p.goto("/settings/team");
  await p.getByLabel("E-post").fill(`forste-${run}@teambil.no`);
  await p.getByRole("button", { name: "Inviter" }).click();
  const firstLink = (await p.getByTestId("invite-link").textContent())!.trim();
  await p.reload();
  const pending = p
    .getByTestId("pending-invitations")
    .getByRole("listitem")
    .filter({ hasText: `forste-${run}` });
  await pending.getByRole("button", { name: "Send på nytt" }).click();
  await expect(
    p.getByText(`Ny invitasjon sendt til forste-${run}@teambil.no`, { exact: true }),
  ).toBeVisible();
  const old = await page(browser);
  await old.goto(new URL(firstLink).pathname);
  await expect(old.getByText(/Invitasjonen er ugyldig, brukt eller utløpt/)).toBeVisible();
  await p.goto("/settings/outbox");
  await expect(
    p
      .getByTestId("outbox-table")
      .getByRole("row")
      .filter({ hasText: `forste-${run}` }),
  ).toHaveCount(2);

  await p.goto("/settings/team");
  await p.getByLabel("E-post").fill(rep.email);
  await p.getByRole("button", { name: "Inviter" }).click();
  repLink = (await p.getByTestId("invite-link").textContent())!.trim();
  const r = await page(browser);
  await r.goto(new URL(repLink).pathname);
  await r.getByLabel("Ditt navn").fill(rep.name);
  await r.getByLabel("Passord").fill(rep.password);
  await r.getByRole("button", { name: "Opprett bruker" }).click();
  await expect(r).toHaveURL(/\/leads$/);
});

test("the last admin cannot demote themselves; a role change is saved", async ({ browser }) => {
  const p = await page(browser);
  await signIn(p, owner.email, owner.password, /\/leads$/);
  await p.goto("/settings/team");
  const me = member(p, owner.email);
  await me.getByLabel(`Rolle for ${owner.name}`).click();
  await p.getByRole("option", { name: "Salgssjef" }).click();
  await me.getByRole("button", { name: "Lagre rolle" }).click();
  await expect(me.getByRole("alert")).toHaveText(LAST_ADMIN);
  await expect(me.getByTestId("member-role")).toHaveText("Administrator");

  const r = member(p, rep.email);
  await r.getByLabel(`Rolle for ${rep.name}`).click();
  await p.getByRole("option", { name: "Salgssjef" }).click();
  await r.getByRole("button", { name: "Lagre rolle" }).click();
  await expect(r.getByTestId("member-role")).toHaveText("Salgssjef");
  await r.getByLabel(`Rolle for ${rep.name}`).click();
  await p.getByRole("option", { name: "Selger" }).click();
  await r.getByRole("button", { name: "Lagre rolle" }).click();
  await expect(r.getByTestId("member-role")).toHaveText("Selger");
});

test("a rep's menus at 390 px: only their tabs, no E-post, 404 on admin pages, no sideways scroll", async ({
  browser,
}) => {
  const p = await page(browser, PHONE);
  await signIn(p, rep.email, rep.password, /\/leads$/);
  await expectNoSidewaysScroll(p);
  await expect(
    p.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "E-post" }),
  ).toHaveCount(0);
  await p.goto("/settings");
  const tabs = p.getByTestId("settings-nav-select");
  await expect(tabs).toBeVisible();
  const options = await tabs.locator("option").allTextContents();
  expect(options).toContain("Forhandler");
  for (const hidden of ["Team", "API-nøkler", "Integrasjoner", "Utboks", "Jobber"])
    expect(options).not.toContain(hidden);
  await expect(p.getByTestId("onboarding-checklist")).toHaveCount(0);
  await expectNoSidewaysScroll(p);
  await p.screenshot({ path: "test-results/team/rep-settings-390.png", fullPage: true });
  for (const path of [
    "/settings/team",
    "/settings/integrations",
    "/settings/outbox",
    "/settings/jobs",
    "/settings/api-keys",
    "/emails",
  ]) {
    const response = await p.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  // At 1440 px the tabs are links, and still only the rep's.
  const wide = await page(browser);
  await signIn(wide, rep.email, rep.password, /\/leads$/);
  await wide.goto("/settings");
  const nav = wide.getByRole("navigation", { name: "Innstillinger" });
  await expect(nav.getByRole("link", { name: "Forhandler" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Integrasjoner" })).toHaveCount(0);
});

test("the owner's settings at 390 px: every tab in the select, team page without sideways scroll", async ({
  browser,
}) => {
  const p = await page(browser, PHONE);
  await signIn(p, owner.email, owner.password, /\/leads$/);
  for (const path of ["/settings", "/settings/team", "/settings/integrations", "/settings/outbox"]) {
    await p.goto(path);
    await expectNoSidewaysScroll(p);
  }
  await p.goto("/settings");
  await p.getByTestId("settings-nav-select").selectOption({ label: "Team" });
  await expect(p).toHaveURL(/\/settings\/team$/);
  await expect(member(p, rep.email)).toBeVisible();
  await p.screenshot({ path: "test-results/team/owner-team-390.png", fullPage: true });
});

test("deactivating the rep ends their session, moves their open lead and blocks log-in; reactivation", async ({
  browser,
}) => {
  const admin = await page(browser);
  await signIn(admin, owner.email, owner.password, /\/leads$/);
  // A manual lead goes to the only sales rep by the round robin.
  const created = await admin.request.post("/api/leads", {
    headers: sameOrigin(admin),
    data: { customer_name: `Åpen Lead ${run}`, customer_phone: "912 00 001" },
  });
  const { lead_id } = await created.json();
  const assignee = async () => {
    const { leads } = await (await admin.request.get("/api/leads?limit=25")).json();
    return leads.find((l: { id: string }) => l.id === lead_id)?.assigned_to_name;
  };
  await expect.poll(assignee).toBe(rep.name);

  const r = await page(browser, PHONE);
  await signIn(r, rep.email, rep.password, /\/leads$/);

  await admin.goto("/settings/team");
  admin.once("dialog", (d) => d.accept());
  await member(admin, rep.email).getByRole("button", { name: "Deaktiver" }).click();
  await expect(member(admin, rep.email)).toContainText("Deaktivert");
  await expect(member(admin, rep.email).getByTestId("deactivated-status")).toContainText(
    "1 åpent lead flyttet",
  );

  expect(await assignee()).toBe(owner.name); // no other rep: the admin owns it
  await admin.goto(`/leads/${lead_id}`);
  await expect(admin.getByTestId("timeline").locator('[data-event="lead.reassigned"]')).toContainText(
    "Selgeren ble deaktivert",
  );

  await r.goto("/leads");
  await expect(r).toHaveURL(/\/sign-in/);
  await r.getByLabel("E-post").fill(rep.email);
  await r.getByLabel("Passord").fill(rep.password);
  await r.getByRole("button", { name: "Logg inn" }).click();
  await expect(r.getByRole("alert").filter({ hasText: "Feil e-postadresse eller passord" })).toBeVisible();

  await admin.goto("/settings/team");
  await member(admin, rep.email).getByRole("button", { name: "Aktiver igjen" }).click();
  await expect(member(admin, rep.email)).not.toContainText("Deaktivert");
  await signIn(r, rep.email, rep.password, /\/leads$/);
});
