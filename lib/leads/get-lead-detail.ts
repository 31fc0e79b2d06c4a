import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { leadEvents, leadStatusHistory, notes } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { emails } from "../../db/schema/emails.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { users } from "../../db/schema/users.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { selectLeadWithConversation } from "./get-lead-by-id.ts";

/**
 * Everything the lead page shows: the lead and its conversation, timeline, notes, status history, the team (for
 * assignment and names), the car it is about (the lead's vehicle, else the first car the AI's reply cited) and
 * the dealership's time zone. Null for an unknown id and for another dealership's id alike.
 */
export function getLeadDetail(tenant: Tenant, leadId: string) {
  return withTenant(tenant.dealershipId, (tx) => selectLeadDetail(tx, leadId));
}

async function selectLeadDetail(tx: TenantTx, leadId: string) {
  const { dealershipId } = tx;
  const found = await selectLeadWithConversation(tx, leadId);
  if (!found) return null;
  const events = await tx
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.dealershipId, dealershipId)))
    .orderBy(asc(leadEvents.createdAt));
  const author = alias(users, "author");
  const leadNotes = await tx
    .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorName: author.name })
    .from(notes)
    .leftJoin(author, eq(author.id, notes.authorId))
    .where(and(eq(notes.leadId, leadId), eq(notes.dealershipId, dealershipId)))
    .orderBy(desc(notes.createdAt));
  const history = await tx
    .select({
      id: leadStatusHistory.id,
      oldStatus: leadStatusHistory.oldStatus,
      newStatus: leadStatusHistory.newStatus,
      reason: leadStatusHistory.reason,
      changedAt: leadStatusHistory.changedAt,
      changedByName: author.name,
    })
    .from(leadStatusHistory)
    .leftJoin(author, eq(author.id, leadStatusHistory.changedBy))
    .where(and(eq(leadStatusHistory.leadId, leadId), eq(leadStatusHistory.dealershipId, dealershipId)))
    .orderBy(desc(leadStatusHistory.changedAt));
  const team = await tx
    .select({ id: users.id, name: users.name, role: users.role, isActive: users.isActive })
    .from(users)
    .where(eq(users.dealershipId, dealershipId))
    .orderBy(asc(users.name));
  const vehicleId =
    found.lead.vehicleId ?? found.conversations.find((m) => m.citedVehicleIds.length > 0)?.citedVehicleIds[0];
  const [vehicle] = vehicleId
    ? await tx
        .select({
          id: vehicles.id,
          make: vehicles.make,
          model: vehicles.model,
          variant: vehicles.variant,
          year: vehicles.year,
          priceNok: vehicles.priceNok,
          status: vehicles.status,
        })
        .from(vehicles)
        .where(and(inArray(vehicles.id, [vehicleId]), eq(vehicles.dealershipId, dealershipId)))
    : [];
  // The e-mails this lead came from or that were threaded into it (portal notice, customer replies).
  const sourceEmails = await tx
    .select({ id: emails.id, subject: emails.subject, classification: emails.classification })
    .from(emails)
    .where(and(eq(emails.leadId, leadId), eq(emails.dealershipId, dealershipId)))
    .orderBy(asc(emails.receivedAt))
    .limit(20);
  const [dealership] = await tx
    .select({ timezone: dealerships.timezone, aiMode: dealerships.aiMode })
    .from(dealerships)
    .where(eq(dealerships.id, dealershipId));
  // Open tasks, soonest first (the first one is the lead's next action when nobody is waiting for an answer).
  const openTasks = await tx
    .select({
      id: leadTasks.id,
      kind: leadTasks.kind,
      note: leadTasks.note,
      dueAt: leadTasks.dueAt,
      assignedTo: leadTasks.assignedTo,
    })
    .from(leadTasks)
    .where(
      and(eq(leadTasks.leadId, leadId), eq(leadTasks.dealershipId, dealershipId), isNull(leadTasks.doneAt)),
    )
    .orderBy(asc(leadTasks.dueAt))
    .limit(20);
  const skipped = events.findLast((e) => e.type === "ai.reply_skipped");
  const assignedToName = team.find((u) => u.id === found.lead.assignedTo)?.name ?? null;
  return {
    ...found,
    events,
    notes: leadNotes,
    history,
    team: team.filter((u) => u.isActive || u.id === found.lead.assignedTo),
    vehicle: vehicle ?? null,
    sourceEmails,
    openTasks: openTasks.map((task) => ({
      ...task,
      assignedToName: team.find((u) => u.id === task.assignedTo)?.name ?? null,
    })),
    aiSkippedReason: typeof skipped?.data.reason === "string" ? skipped.data.reason : null,
    assignedToName,
    timeZone: dealership?.timezone ?? "Europe/Oslo",
    aiMode: dealership?.aiMode ?? "autopilot",
  };
}

export type LeadDetail = NonNullable<Awaited<ReturnType<typeof getLeadDetail>>>;
