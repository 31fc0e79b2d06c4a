import { getFormatter } from "next-intl/server";
import { aiStateOf, type AiState, type LeadListItem } from "@/lib/leads/find-leads";
import { aiSilenceOf, type AiSilenceReason } from "@/lib/leads/next-action";
import { nextActionDescriber, type NextActionView } from "./describe-next-action";
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
  /** A car the lead asked about is now sold or reserved ("bilen er solgt"). */
  vehicleWithdrawn?: "sold" | "reserved";
  nextAction: NextActionView;
  /** Something happened since this user last opened the lead. */
  unread: boolean;
  /** Why the AI has not answered, when it has not. */
  aiSilence: AiSilenceReason | null;
};

// Formatted on the server: the client then renders the same text it was sent (no clock or zone mismatch).
export async function toInboxRows(
  leads: LeadListItem[],
  timeZone: string,
  now = new Date(),
  withdrawn: Map<string, "sold" | "reserved"> = new Map(),
): Promise<InboxRow[]> {
  const format = await getFormatter();
  const describe = await nextActionDescriber(timeZone, now);
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
    responseTime: lead.firstResponseSeconds === null ? null : time.wholeSeconds(lead.firstResponseSeconds),
    vehicleWithdrawn: withdrawn.get(lead.id),
    nextAction: describe(lead),
    unread: lead.unread,
    aiSilence: aiSilenceOf({
      ...lead,
      unsubscribed: lead.unsubscribedAt !== null,
      duplicate: lead.duplicateOfLeadId !== null,
    }),
  }));
}
