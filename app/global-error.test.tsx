import { prerender } from "react-dom/static";
import { afterEach, describe, expect, it, vi } from "vitest";
import en from "@/messages/en.json";
import nb from "@/messages/nb.json";
import GlobalError from "./global-error";

// The page shown when the root layout itself fails: its texts load with it (not with every page), in the
// language of the locale cookie.
async function html() {
  const { prelude } = await prerender(<GlobalError error={new Error("boom")} reset={() => {}} />);
  return new Response(prelude).text();
}

afterEach(() => vi.unstubAllGlobals());

describe("GlobalError", () => {
  it("says what happened and offers to try again, in bokmål by default", async () => {
    const page = await html();
    expect(page).toContain('lang="nb"');
    for (const text of [nb.errors.errorTitle, nb.errors.errorText, nb.errors.retry])
      expect(page).toContain(text);
  });

  it("in English when the locale cookie asks for it", async () => {
    vi.stubGlobal("document", { cookie: "theme=x; NEXT_LOCALE=en" });
    const page = await html();
    expect(page).toContain('lang="en"');
    for (const text of [en.errors.errorTitle, en.errors.errorText, en.errors.retry])
      expect(page).toContain(text);
  });
});
