import type { EmailStatus, StoredEmailClassification } from "@/db/schema/enums";

/** The message key (emails.outcomes.*) that says what became of an e-mail. */
export function emailOutcomeKey(email: {
  processingStatus: EmailStatus;
  classification: StoredEmailClassification | null;
}): string {
  if (email.processingStatus === "pending" || email.processingStatus === "processing") return "pending";
  if (email.processingStatus === "failed") return "failed";
  return email.classification ?? email.processingStatus;
}
