import { normalisePhone } from "../../leads/normalise-contact.ts";

/** E.164 when the number is valid (Norway assumed), else the cleaned text as written, so nothing the customer gave is lost. */
export function normaliseLeadPhone(raw: string | null | undefined): string | null {
  const cleaned = raw?.replace(/\s+/g, " ").trim();
  if (!cleaned) return null;
  return normalisePhone(cleaned) ?? cleaned;
}
