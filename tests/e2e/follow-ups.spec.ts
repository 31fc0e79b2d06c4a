import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signedInPage } from "./helpers/session.ts";

// Issue 19, "Done when": a lead's follow-up schedule on the lead page (1440 px and 390 px), the customer writing
// again cancelling it ("Kunden svarte"), and the manager editing the rule in Settings → Oppfølging with its preview.
const run = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const severe = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(severe).toEqual([]);
}

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const customer = { name: `Frida Følgeopp ${run}`, email: `frida-${run}@example.no` };
const postLead = async (page: Page, message: string) => {
  const response = await page.request.post("/api/webhooks/form/fjordbil-demo", {
    data: { ...customer, message },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { lead_id: string }).lead_id;
};

test.describe.configure({ mode: "serial" });
let leadId = "";

test("1440 px: the lead page shows the planned follow-ups once the first reply went out", async ({
  browser,
}) => {
  const manager = await signedInPage(browser, "leder@fjordbil.no", DESKTOP);
  leadId = await postLead(manager, "Hei, har dere en brukt elbil til familien?");
  await manager.goto(`/leads/${leadId}`);
  const card = manager.getByTestId("follow-ups-card");
  // The worker answers the lead and plans its follow-ups; the page shows them after a reload.
  await expect
    .poll(
      async () => {
        await manager.reload();
        return card.getByTestId("follow-up-status").count();
      },
      { timeout: 30_000 },
    )
    .toBe(2);
  await expect(card.getByTestId("follow-up-status").first()).toHaveText("Planlagt");
  await expect(card).toContainText("Steg 1 · E-post");
  await expect(card).toContainText("Steg 2 · E-post");
  await expect(card.getByRole("button", { name: "Hopp over" }).first()).toBeVisible();
  await expect(card.getByRole("button", { name: "Send nå" }).first()).toBeVisible();
  await expect(card.getByLabel("Ingen oppfølging")).not.toBeChecked();
  await expectAccessible(manager);
});

test("390 px: the rep sees the same schedule without sideways scrolling", async ({ browser }) => {
  const rep = await signedInPage(browser, "selger1@fjordbil.no", PHONE);
  await rep.goto(`/leads/${leadId}`);
  const card = rep.getByTestId("follow-ups-card");
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByTestId("follow-up-status")).toHaveCount(2);
  await expectNoSideways(rep);
});

test("the customer writes again: the follow-ups stop ('Kunden svarte')", async ({ browser }) => {
  const manager = await signedInPage(browser, "leder@fjordbil.no", DESKTOP);
  // The same person through the form again: merged into the lead as a new message from the customer.
  expect(await postLead(manager, "Ja, fortsatt interessert! Kan jeg komme på lørdag?")).toBe(leadId);
  await manager.goto(`/leads/${leadId}`);
  const card = manager.getByTestId("follow-ups-card");
  await expect(card.getByTestId("follow-up-status")).toHaveText(["Stoppet", "Stoppet"]);
  await expect(card).toContainText("Kunden svarte");
  await expect(card.getByRole("button", { name: "Send nå" })).toHaveCount(0);
});

test("1440 px: the manager edits the rule and the preview follows", async ({ browser }) => {
  const manager = await signedInPage(browser, "leder@fjordbil.no", DESKTOP);
  await manager.goto("/settings/follow-ups");
  const preview = manager.getByTestId("follow-up-preview");
  await expect(preview).toContainText("Steg 2 – dag 7");
  await manager.getByRole("button", { name: "Legg til steg" }).click();
  await manager.getByLabel("Dager etter første svar").nth(2).fill("12");
  await manager.getByTestId("save-rule").click();
  await expect(manager.getByText("Oppfølgingen er lagret").first()).toBeVisible();
  await manager.reload();
  await expect(preview).toContainText("Steg 3 – dag 12");
  await expect(preview).toContainText("Dette er siste gang");
  // A step before the one above it is refused beside the steps.
  await manager.getByLabel("Dager etter første svar").nth(2).fill("5");
  await manager.getByTestId("save-rule").click();
  await expect(manager.getByText("Hvert steg må komme etter det forrige").first()).toBeVisible();
  await expectAccessible(manager);
  // Back to the demo's default for the other specs.
  await manager.getByRole("button", { name: "Fjern" }).nth(2).click();
  await manager.getByTestId("save-rule").click();
  await expect(manager.getByText("Oppfølgingen er lagret").first()).toBeVisible();
});
