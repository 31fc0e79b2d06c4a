import { randomUUID } from "node:crypto";
import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant, type Tx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { ASSIGN_LOCK, assignLeadWithin } from "./assign-lead.ts";
import { cleanText, normaliseEmail, normalisePhone } from "./normalise-contact.ts";
import { ingestLeadInput, type IngestLeadInput } from "./schemas.ts";

/** A repeat with the same content this soon is the same submission sent again (double click, retry). */
export const RESEND_WINDOW_MS = 5 * 60 * 1000;
/** A new message from the same person within this window belongs to the open lead. */
export const MERGE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type IngestResult = { leadId: string; status: "created" | "updated" | "merged" };

/**
 * The one way a lead enters Norvalt, whatever the source: normalise, find the person's open lead, then create,
 * merge or recognise a resend — and enqueue the reply job in the same transaction, so a lead is never stored
 * without its job and a person is never sent two first replies.
 */
export async function ingestLead(
  tenant: Tenant,
  raw: IngestLeadInput,
  options: { now?: Date; preview?: boolean } = {},
): Promise<IngestResult> {
  const { dealershipId } = tenant;
  // A "Send en testlead" preview (Settings → AI): a test lead that is answered, with a reply that is never sent.
  const input = { ...ingestLeadInput.parse(raw), ...(options.preview && { isTest: true }) };
  const now = options.now ?? new Date();
  const lead = {
    source: input.source,
    customerName: cleanText(input.name, 200),
    customerEmail: input.email ?? null,
    customerPhone: cleanText(input.phone, 50),
    emailNormalized: normaliseEmail(input.email),
    phoneNormalized: normalisePhone(input.phone),
    vehicleInterest: cleanText(input.vehicleInterest, 300),
    message: input.message?.trim() || null,
    sourceUrl: input.sourceUrl ?? null,
  };
  const submission = {
    at: now.toISOString(),
    source: input.source,
    message: lead.message,
    vehicleInterest: lead.vehicleInterest,
    sourceUrl: lead.sourceUrl,
    ...(input.metadata && { metadata: input.metadata }),
  };

  const contactKey = lead.emailNormalized ?? lead.phoneNormalized;
  const assignsHere = input.source === "manual" && !input.isSpam;
  // Serialise submissions of one person to one dealership (20 identical posts at once become one lead), and
  // retries of one external id. Taken with BEGIN, in this fixed order.
  const lock = [
    ...(contactKey ? [`contact:${contactKey}`] : []),
    ...(input.externalId ? [`external:${input.source}:${input.externalId}`] : []),
    // Manual leads are assigned here (no reply job runs for them); last, in the order every taker uses.
    ...(assignsHere ? [ASSIGN_LOCK] : []),
  ];
  return withTenant(
    dealershipId,
    async (tx) => {
      if (input.externalId) {
        const [replay] = await tx
          .select({ id: leads.id })
          .from(leads)
          .where(
            and(
              eq(leads.dealershipId, dealershipId),
              eq(leads.source, input.source),
              eq(leads.externalId, input.externalId),
            ),
          );
        if (replay) return { leadId: replay.id, status: "updated" };
      }

      const existing =
        input.isSpam || options.preview
          ? undefined
          : await findOpenLead(tx, dealershipId, lead.emailNormalized, lead.phoneNormalized, now);
      if (existing) {
        const sameContent =
          existing.initialMessage === lead.message && existing.vehicleInterest === lead.vehicleInterest;
        if (sameContent && now.getTime() - existing.lastSubmissionAt.getTime() < RESEND_WINDOW_MS) {
          return { leadId: existing.id, status: "updated" };
        }
        await mergeIntoLead(tx, dealershipId, existing.id, {
          ...lead,
          submission,
          now,
          reason: lead.emailNormalized ? "same_email" : "same_phone",
        });
        return { leadId: existing.id, status: "merged" };
      }

      const leadId = await insertLead(tx, dealershipId, input, lead, submission, now, options.preview);
      // Manual leads (walk-ins, calls) get their rep here: no reply job runs for them.
      if (assignsHere) await assignLeadWithin(tx, leadId);
      // Manual leads (walk-ins, calls), spam and test leads get no automatic reply.
      // A preview is answered by its caller, which awaits lib/responder/respond-to-lead.ts itself.
      if (input.source !== "manual" && !input.isSpam && !input.isTest) {
        await enqueue("lead.respond", { leadId, dealershipId }, { tx });
      }
      return { leadId, status: "created" };
    },
    { lock },
  );
}

type NormalisedLead = {
  customerName: string | null;
  customerEmail: string | null;
  customerPhone: string | null;
  emailNormalized: string | null;
  phoneNormalized: string | null;
  vehicleInterest: string | null;
  message: string | null;
  sourceUrl: string | null;
  source: IngestLeadInput["source"];
};

/**
 * The lead, the customer's message and the lead.created event in one statement (data-modifying CTEs): the
 * create path is the hot path of every webhook, and each statement is a round trip (bench:ingest). The id is
 * made here so the three rows need not wait for each other.
 */
async function insertLead(
  tx: Tx,
  dealershipId: string,
  input: IngestLeadInput,
  lead: NormalisedLead,
  submission: Record<string, unknown>,
  now: Date,
  preview = false,
): Promise<string> {
  const leadId = randomUUID();
  const created = tx.$with("created").as(
    tx
      .insert(leads)
      .values({
        id: leadId,
        dealershipId,
        source: lead.source,
        sourceUrl: lead.sourceUrl,
        sourceMetadata: { submissions: [submission], ...(preview && { preview: true }) },
        externalId: input.externalId ?? null,
        customerName: lead.customerName,
        customerEmail: lead.customerEmail,
        customerPhone: lead.customerPhone,
        emailNormalized: lead.emailNormalized,
        phoneNormalized: lead.phoneNormalized,
        vehicleInterest: lead.vehicleInterest,
        initialMessage: lead.message,
        leadScore: input.leadScore ?? 50,
        aiPaused: input.aiPaused ?? false,
        isTest: input.isTest ?? false,
        isSpam: input.isSpam ?? false,
        consentMarketing: input.consentMarketing ?? false,
        consentAt: input.consentMarketing ? now : null,
        consentSource: input.consentMarketing ? input.source : null,
        // Answering an inquiry needs no consent (the person asked); marketing does, and we keep what they saw.
        lawfulBasis: input.consentMarketing ? "marketing_consent" : "inquiry",
        consentText: input.consentText ?? null,
        consentVersion: input.consentVersion ?? null,
        createdAt: now,
        updatedAt: now,
        lastSubmissionAt: now,
      })
      .returning({ id: leads.id }),
  );
  const message = inboundMessage(dealershipId, leadId, lead, now);
  const ctes = message
    ? [
        created,
        tx.$with("message").as(tx.insert(conversations).values(message).returning({ id: conversations.id })),
      ]
    : [created];
  const eventData = { source: input.source, ...(input.isSpam && { spam: true }) };
  await tx
    .with(...ctes)
    .insert(leadEvents)
    .values({
      dealershipId,
      leadId,
      type: "lead.created",
      actorType: input.source === "manual" ? "user" : "customer",
      data: eventData,
      createdAt: now,
    });
  return leadId;
}

async function findOpenLead(
  tx: Tx,
  dealershipId: string,
  email: string | null,
  phone: string | null,
  now: Date,
) {
  if (!email && !phone) return undefined;
  const since = new Date(now.getTime() - MERGE_WINDOW_MS);
  const [open] = await tx
    .select({
      id: leads.id,
      initialMessage: leads.initialMessage,
      vehicleInterest: leads.vehicleInterest,
      lastSubmissionAt: leads.lastSubmissionAt,
    })
    .from(leads)
    .where(
      and(
        eq(leads.dealershipId, dealershipId),
        // Phone identifies a person only when there is no e-mail to go by.
        email
          ? eq(leads.emailNormalized, email)
          : and(eq(leads.phoneNormalized, phone!), isNull(leads.emailNormalized)),
        gte(leads.createdAt, since),
        eq(leads.isSpam, false),
      ),
    )
    .orderBy(desc(leads.createdAt))
    .limit(1);
  return open;
}

/** The customer's words as the first inbound row of the conversation; nothing when they wrote nothing. */
function inboundMessage(dealershipId: string, leadId: string, lead: NormalisedLead, now: Date) {
  if (!lead.message && !lead.vehicleInterest) return null;
  return {
    dealershipId,
    leadId,
    channel:
      lead.source === "facebook" || lead.source === "manual" || lead.source === "sms" ? lead.source : "email",
    direction: "inbound",
    sender: lead.customerName,
    senderType: "customer",
    messageContent: lead.message ?? `Interessert i ${lead.vehicleInterest}`,
    metadata: { via: lead.source },
    createdAt: now,
  } satisfies typeof conversations.$inferInsert;
}

async function mergeIntoLead(
  tx: Tx,
  dealershipId: string,
  leadId: string,
  merge: NormalisedLead & { submission: Record<string, unknown>; now: Date; reason: string },
) {
  await tx
    .update(leads)
    .set({
      sourceMetadata: sql`jsonb_set(${leads.sourceMetadata}, '{submissions}', coalesce(${leads.sourceMetadata}->'submissions', '[]'::jsonb) || ${JSON.stringify([merge.submission])}::jsonb)`,
      submissionCount: sql`${leads.submissionCount} + 1`,
      lastSubmissionAt: merge.now,
      updatedAt: merge.now,
      // Fill gaps the first submission left; never overwrite what the customer told us before.
      customerName: sql`coalesce(${leads.customerName}, ${merge.customerName})`,
      customerPhone: sql`coalesce(${leads.customerPhone}, ${merge.customerPhone})`,
      phoneNormalized: sql`coalesce(${leads.phoneNormalized}, ${merge.phoneNormalized})`,
      vehicleInterest: sql`coalesce(${leads.vehicleInterest}, ${merge.vehicleInterest})`,
    })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  const message = inboundMessage(dealershipId, leadId, merge, merge.now);
  if (message) await tx.insert(conversations).values(message);
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId,
    type: "lead.merged",
    actorType: "customer",
    data: { reason: merge.reason, source: merge.source },
    createdAt: merge.now,
  });
  // The person already got a first reply (or will): tell the rep instead of answering twice.
  await enqueue("rep.notify", { leadId, dealershipId, reason: "merged" }, { tx });
}
