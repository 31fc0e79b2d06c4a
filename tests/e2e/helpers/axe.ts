import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe (WCAG 2.1 A/AA) finds no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // Next 16 streams a dynamic page's metadata after its body: the <title> may land a moment after the content the
  // spec waited for. Waiting for it (not skipping the rule) still fails a page that never gets a title.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const severe = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(severe).toEqual([]);
}
