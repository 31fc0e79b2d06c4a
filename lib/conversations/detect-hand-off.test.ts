import { describe, expect, it } from "vitest";
import { readLead } from "../responder/read-lead.ts";
import { detectHandOff } from "./detect-hand-off.ts";

const detect = (text: string) => detectHandOff(text, readLead({ message: text }));

describe("detectHandOff", () => {
  it.each([
    ["Kan jeg snakke med en person?", "asked_for_person"],
    ["Jeg vil prata med eit menneske", "asked_for_person"],
    ["Er du en robot?", "asked_for_person"],
    ["Can I speak to a human", "asked_for_person"],
    ["Are you a bot?", "asked_for_person"],
    ["Hva er laveste pris?", "price_negotiation"],
    ["Kan dere gå ned 20 000?", "price_negotiation"],
    ["Tar dere 300 000 for den?", "price_negotiation"],
    ["Would you take 250k?", "price_negotiation"],
    ["Bilen er billigere hos Møller", "competitor_offer"],
    ["I got a better offer from another dealer", "competitor_offer"],
    ["Jeg vil klage på behandlingen", "complaint"],
    ["Ingen har ringt meg", "complaint"],
    ["Dette er svindel", "angry"],
    ["Hallo!!! Svar da", "angry"],
    ["JEG HAR VENTET I TRE DAGER", "angry"],
  ])("%j → %s", (text, reason) => {
    expect(detect(text)).toBe(reason);
  });

  it.each([
    "Har den hengerfeste?",
    "Kan jeg komme på lørdag kl 11?",
    "Hva koster bilen?",
    "Jeg vil gjerne snakke om innbytte av Golfen min",
    "Takk for svar 👍",
    "OK",
    "Er det mulig å prøvekjøre i morgen?",
    "Ring meg gjerne etter kl. 16",
    "Is the car still available?",
    "ID.4 GTX",
  ])("%j is for the AI", (text) => {
    expect(detect(text)).toBeNull();
  });
});
