/*
 * How the replies write numbers. Plain spaces group the thousands ("389 000 kr"), the form the Claude prompt
 * quotes too, so a price reads the same whichever responder wrote it. The guardrails do not depend on this form:
 * find-money-amounts.ts reads every common rendering ("389.000,-", "kr 389 000", "NOK 389,000", "389k").
 */

/** Whole kroner: 389000 → "389 000 kr". */
export function formatNok(amount: number): string {
  return `${formatThousands(amount)} kr`;
}

/** A whole number with Norwegian thousands grouping: 32000 → "32 000". */
export function formatThousands(value: number): string {
  const digits = String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return value < 0 ? `-${digits}` : digits;
}
