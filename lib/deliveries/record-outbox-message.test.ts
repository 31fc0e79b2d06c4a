import { expect, it } from "vitest";
import { redactLinks, redactSecrets } from "./record-outbox-message.ts";

it("hides every link and keeps the rest of the message", () => {
  expect(
    redactLinks("Åpne lenken:\nhttps://app.norvalt.no/reset-password/abc_123-XYZ\nHilsen http://x.no/a?b=1"),
  ).toBe("Åpne lenken:\n[lenke skjult]\nHilsen [lenke skjult]");
});

it("hides a phone verification code and the links, and keeps other numbers in the text", () => {
  expect(
    redactSecrets("482913 er koden din for å bekrefte mobilnummeret i Norvalt. Den gjelder i 10 minutter."),
  ).toBe("[kode skjult] er koden din for å bekrefte mobilnummeret i Norvalt. Den gjelder i 10 minutter.");
  expect(redactSecrets("Koden: 1234. Se https://x.no/a/99999")).toBe(
    "Koden: [kode skjult]. Se [lenke skjult]",
  );
  // Numbers inside words or of other lengths (a phone number, "10 minutter") stay.
  expect(redactSecrets("Ring +4791234567 innen 10 min, ref A12345")).toBe(
    "Ring +4791234567 innen 10 min, ref A12345",
  );
});
