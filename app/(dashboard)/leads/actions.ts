"use server";

import { redirect } from "next/navigation";
import { ROLES_ALL, ROLES_BULK_LEADS } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { ingestLead } from "@/lib/leads/ingest-lead";
import { bulkUpdateLeads } from "@/lib/leads/bulk-update-leads";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { bulkLeadsInput, manualLeadInput } from "@/lib/leads/schemas";
import { approveDraft } from "@/lib/responder/approve-draft";
import { revalidatePath } from "next/cache";
import { z } from "zod";

/** "Add lead": a walk-in or a phone call, through the same ingest path; no automatic reply for manual leads. */
export const createManualLeadAction = tenantAction(
  manualLeadInput,
  async (input, session) => {
    const { leadId } = await ingestLead(session, {
      source: "manual",
      name: input.name,
      email: input.email || undefined,
      phone: input.phone || undefined,
      vehicleInterest: input.vehicleInterest || undefined,
      message: input.message || undefined,
      metadata: { channel: input.channel, createdBy: session.userId },
    });
    redirect(`/leads/${leadId}`);
  },
  { roles: ROLES_ALL },
);

/** Sends an AI draft (draft mode, or held by the guardrails), as written or edited by the rep. */
export const approveDraftAction = tenantAction(
  z.object({
    conversationId: z.uuid(),
    subject: z.string().max(200).optional(),
    body: z.string().max(10_000).optional(),
  }),
  async (input, session) => {
    const { leadId } = await approveDraft(session, input);
    revalidatePath(`/leads/${leadId}`);
    return { leadId };
  },
  { roles: ROLES_ALL },
);

/** The inbox's bulk bar (managers, admins): assign the chosen leads, or mark them as spam. */
export const bulkLeadsAction = tenantAction(
  bulkLeadsInput,
  async (input, session) => {
    const result = await bulkUpdateLeads(leadActorOf(session), input);
    revalidatePath("/leads");
    return result;
  },
  { roles: ROLES_BULK_LEADS },
);
