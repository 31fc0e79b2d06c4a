import { expect, it } from "vitest";
import { redactLinks } from "./record-outbox-message.ts";

it("hides every link and keeps the rest of the message", () => {
  expect(
    redactLinks("Åpne lenken:\nhttps://app.norvalt.no/reset-password/abc_123-XYZ\nHilsen http://x.no/a?b=1"),
  ).toBe("Åpne lenken:\n[lenke skjult]\nHilsen [lenke skjult]");
});
