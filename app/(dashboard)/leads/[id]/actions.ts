"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ROLES_ALL, ROLES_DELETE_LEADS } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { retryFailedMessage } from "@/lib/conversations/retry-failed-message";
import { sendManualReply } from "@/lib/conversations/send-manual-reply";
import { deleteLead } from "@/lib/leads/delete-lead";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { leadContactInput, leadStatusInput, manualReplyInput, noteInput } from "@/lib/leads/schemas";
import { setLeadAiPaused } from "@/lib/leads/set-lead-ai-paused";
import { updateLead } from "@/lib/leads/update-lead";
import { updateLeadContact } from "@/lib/leads/update-lead-contact";
import { discardDraft } from "@/lib/responder/discard-draft";
import { logCall } from "@/lib/calls/log-call";
import { logCallInput } from "@/lib/calls/schemas";
import { createLeadTask } from "@/lib/tasks/create-lead-task";
import { createTaskInput, snoozeTaskInput, taskIdInput } from "@/lib/tasks/schemas";
import { updateLeadTask } from "@/lib/tasks/update-lead-task";
import { actOnFollowUp } from "@/lib/follow-ups/act-on-follow-up";
import { setLeadFollowUpsOff } from "@/lib/follow-ups/change-lead-follow-ups";
import { followUpIdInput, leadFollowUpsInput } from "@/lib/follow-ups/schemas";

// Every action here re-renders the lead page (and the inbox, whose rows show status, rep and AI state).
function refresh(leadId: string) {
  revalidatePath(`/leads/${leadId}`);
  revalidatePath("/leads");
}

export const changeLeadStatusAction = tenantAction(
  leadStatusInput,
  async ({ leadId, status, reason }, session) => {
    await updateLead(leadActorOf(session), leadId, { status, reason });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const assignLeadAction = tenantAction(
  z.object({ leadId: z.uuid(), assignedTo: z.union([z.uuid(), z.literal("")]) }),
  async ({ leadId, assignedTo }, session) => {
    await updateLead(leadActorOf(session), leadId, { assignedTo: assignedTo || null });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const addNoteAction = tenantAction(
  noteInput,
  async ({ leadId, body }, session) => {
    await updateLead(leadActorOf(session), leadId, { note: body });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const sendReplyAction = tenantAction(
  manualReplyInput,
  async (input, session) => {
    const message = await sendManualReply(leadActorOf(session), input);
    refresh(input.leadId);
    return { conversationId: message.id };
  },
  { roles: ROLES_ALL },
);

export const setAiPausedAction = tenantAction(
  z.object({ leadId: z.uuid(), paused: z.enum(["true", "false"]) }),
  async ({ leadId, paused }, session) => {
    const result = await setLeadAiPaused(leadActorOf(session), leadId, paused === "true");
    refresh(leadId);
    return result;
  },
  { roles: ROLES_ALL },
);

export const discardDraftAction = tenantAction(
  z.object({ conversationId: z.uuid() }),
  async ({ conversationId }, session) => {
    const { leadId } = await discardDraft(leadActorOf(session), conversationId);
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const deleteLeadAction = tenantAction(
  z.object({ leadId: z.uuid() }),
  async ({ leadId }, session) => {
    await deleteLead(leadActorOf(session), leadId);
    revalidatePath("/leads");
    redirect("/leads?deleted=1");
  },
  { roles: ROLES_DELETE_LEADS },
);

// The rep's day (issue 18): tasks, snooze/done, and call logging. Each re-renders the lead and the inbox.
export const createTaskAction = tenantAction(
  createTaskInput,
  async (input, session) => {
    const task = await createLeadTask(leadActorOf(session), input);
    refresh(input.leadId);
    return { taskId: task.id };
  },
  { roles: ROLES_ALL },
);

export const completeTaskAction = tenantAction(
  taskIdInput,
  async ({ taskId }, session) => {
    const { leadId } = await updateLeadTask(leadActorOf(session), taskId, { done: true });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const snoozeTaskAction = tenantAction(
  snoozeTaskInput,
  async ({ taskId, by }, session) => {
    const { leadId } = await updateLeadTask(leadActorOf(session), taskId, { snooze: by });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const logCallAction = tenantAction(
  logCallInput,
  async (input, session) => {
    const result = await logCall(leadActorOf(session), input);
    refresh(input.leadId);
    return result;
  },
  { roles: ROLES_ALL },
);

export const updateLeadContactAction = tenantAction(
  leadContactInput,
  async (input, session) => {
    const result = await updateLeadContact(leadActorOf(session), input);
    refresh(input.leadId);
    return result;
  },
  { roles: ROLES_ALL },
);

// Issue 19: the lead's automatic follow-ups ("Ingen oppfølging", skip, send now).
export const setLeadFollowUpsOffAction = tenantAction(
  leadFollowUpsInput,
  async (input, session) => {
    await setLeadFollowUpsOff(leadActorOf(session), input);
    refresh(input.leadId);
  },
  { roles: ROLES_ALL },
);

export const skipFollowUpAction = tenantAction(
  followUpIdInput,
  async ({ followUpId }, session) => {
    const { leadId } = await actOnFollowUp(leadActorOf(session), { followUpId, action: "skip" });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const sendFollowUpNowAction = tenantAction(
  followUpIdInput,
  async ({ followUpId }, session) => {
    const { leadId } = await actOnFollowUp(leadActorOf(session), { followUpId, action: "send_now" });
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);

export const retryMessageAction = tenantAction(
  z.object({ conversationId: z.uuid() }),
  async ({ conversationId }, session) => {
    const { leadId } = await retryFailedMessage(leadActorOf(session), conversationId);
    refresh(leadId);
  },
  { roles: ROLES_ALL },
);
