import { describe, expect, it } from "vitest";
import { SCENARIO_INVENTORY } from "../../tests/fixtures/reply-scenarios.ts";
import { replyContext } from "../../tests/fixtures/reply-context.ts";
import { withFacts } from "./ai-draft-lead-reply.ts";
import { buildClaudeUserMessage } from "./build-claude-user-message.ts";

describe("buildClaudeUserMessage — Claude gets the same facts as the built-in responder", () => {
  it("lists the intents in order, the call window, the criteria and the ranked cars with their reasons", () => {
    const ctx = withFacts(
      replyContext({
        vehicles: SCENARIO_INVENTORY,
        lead: {
          message:
            "Tar dere innbytte? Vi ser etter en elektrisk SUV med hengerfeste og firehjulsdrift. Ring meg etter kl. 18.",
        },
      }),
    );
    const text = buildClaudeUserMessage(ctx);
    const block = /<lest_henvendelse>\n([\s\S]*?)\n<\/lest_henvendelse>/.exec(text)?.[1] ?? "";
    expect(block).toContain("svarspråk: norsk bokmål");
    expect(block).toContain("kunden spør om (i rekkefølge): innbytte; vil bli ringt");
    expect(block).toContain("ønsket tid for oppringing: etter kl. 18");
    expect(block).toMatch(/drivstoff: elektrisk; .*hengerfeste: ja/);
    expect(block).toMatch(/id="enyaq" passer på: .*towbar/);
    expect(block).not.toMatch(/id="modely"/);
  });

  it("tells Claude to answer in English and says plainly when the named car is not in stock", () => {
    const ctx = withFacts(
      replyContext({
        vehicles: SCENARIO_INVENTORY,
        lead: { message: "Hi, do you have a Kia EV9 for sale?" },
      }),
    );
    const text = buildClaudeUserMessage(ctx);
    expect(text).toContain("svarspråk: engelsk");
    expect(text).toContain("Kia EV9 → ikke på lager");
  });
});
