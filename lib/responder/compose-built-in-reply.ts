/**
 * The built-in Norwegian first reply, used when no AI vendor is configured (and as the fallback when it fails).
 * It thanks, confirms what the customer asked about and promises a person — and by design never mentions
 * prices, discounts, trade-in values or financing terms.
 */
export function composeBuiltInReply(input: {
  customerName: string | null;
  vehicleInterest: string | null;
  dealershipName: string;
  repName: string | null;
  signature?: string | null;
}): { subject: string; text: string } {
  const firstName = input.customerName?.split(" ")[0];
  const greeting = firstName ? `Hei ${firstName}!` : "Hei!";
  const about = input.vehicleInterest ? ` om ${input.vehicleInterest}` : "";
  const who = input.repName ? `${input.repName}, som er din kontaktperson hos oss,` : "En av våre selgere";
  const text = [
    greeting,
    "",
    `Takk for henvendelsen${about} til ${input.dealershipName}. Vi har mottatt meldingen din.`,
    `${who} tar kontakt med deg så snart som mulig for å svare på spørsmålene dine og avtale videre, for eksempel en prøvekjøring.`,
    "",
    "Har du flere spørsmål i mellomtiden, kan du bare svare på denne e-posten.",
    "",
    input.signature?.trim() || `Vennlig hilsen\n${input.dealershipName}`,
  ].join("\n");
  return { subject: `Takk for henvendelsen til ${input.dealershipName}`, text };
}
