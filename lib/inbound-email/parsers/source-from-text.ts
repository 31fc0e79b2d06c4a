import type { ExtractedEmailLead } from "../inbound-message.ts";

/** The importer portal or marketplace a lead came from, when a sender, provider or link names one we know. */
export function sourceFromText(text: string): ExtractedEmailLead["source"] {
  if (/\bfinn(\.no)?\b/i.test(text)) return "finn.no";
  if (/\btoyota(\.no| norge)\b/i.test(text)) return "toyota.no";
  if (/\b(volkswagen(\.no| norge)|vw\.no)\b/i.test(text)) return "volkswagen.no";
  return "other";
}
