import { getFormatter } from "next-intl/server";
import { aiStateOf, type AiState, type LeadListItem } from "@/lib/leads/find-leads";
import type { LeadSource, LeadStatus } from "@/db/schema/enums";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

/** A row as the table shows it: dates and durations already written out in the dealership's zone and nb-NO. */
export type InboxRow = {
  id: string;
  name: string;
  message: string | null;
  vehicle: string | null;
  source: LeadSource;
  status: LeadStatus;
  isTest: boolean;
  submissionCount: number;
  assignedToName: string | null;
  aiState: AiState;
  needsReview: boolean;
  received: string;
  receivedTitle: string;
  responseTime: string | null;
};

// Formatted on the server: the client then renders the same text it was sent (no clock or zone mismatch).
export async function toInboxRows(leads: LeadListItem[], now = new Date()): Promise<InboxRow[]> {
  const format = await getFormatter();
  // "1 min 18 s", "2 dager": never "78 sek" or "2 døgn" (i18n/format-time.ts).
  const time = await getTimeFormatters();
  return leads.map((lead) => ({
    id: lead.id,
    name: lead.customerName ?? lead.customerEmail ?? lead.customerPhone ?? "—",
    message: lead.initialMessage,
    vehicle: lead.vehicleInterest,
    source: lead.source,
    status: lead.status,
    isTest: lead.isTest,
    submissionCount: lead.submissionCount,
    assignedToName: lead.assignedToName,
    aiState: aiStateOf(lead.aiPaused, lead.lastAiStatus),
    needsReview: lead.needsReview,
    received: time.relative(lead.createdAt, now),
    receivedTitle: format.dateTime(lead.createdAt, { dateStyle: "medium", timeStyle: "short" }),
    responseTime: lead.firstResponseSeconds === null ? null : time.duration(lead.firstResponseSeconds * 1000),
  }));
}
