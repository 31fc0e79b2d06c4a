import { and, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { processedWebhookEvents } from "../../../db/schema/auth.ts";
import { dealerships } from "../../../db/schema/dealerships.ts";
import { users } from "../../../db/schema/users.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { withSystem, type Tx } from "../../db/tenant.ts";
import { slugify } from "../../dealerships/generate-form-key.ts";
import { insertDealership } from "../../dealerships/insert-dealership.ts";
import { AppError } from "../../errors.ts";
import { enqueue } from "../../jobs/enqueue.ts";
import { mapClerkRole } from "./map-clerk-role.ts";

// Only the fields we use; Clerk adds fields freely, and z.object drops the rest.
const clerkOrganization = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  slug: z.string().nullish(),
  created_by: z.string().nullish(),
});
const clerkMembership = z.object({
  id: z.string().min(1),
  role: z.string(),
  organization: clerkOrganization,
  public_user_data: z.object({
    user_id: z.string().min(1),
    identifier: z.string().trim().min(1),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
  }),
});
const clerkUser = z.object({
  id: z.string().min(1),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  primary_email_address_id: z.string().nullish(),
  email_addresses: z.array(z.object({ id: z.string(), email_address: z.string() })).default([]),
});
// Deleted objects are `{ object, id?, slug?, deleted }`; without an id there is nothing to act on.
const clerkDeleted = z.object({ id: z.string().min(1).optional() });

type ClerkOrganization = z.infer<typeof clerkOrganization>;
type ClerkMembership = z.infer<typeof clerkMembership>;
type ApplyChange = (tx: Tx) => Promise<unknown>;

export type SyncClerkEventResult = { status: "applied" | "duplicate" | "ignored" };

/**
 * Mirrors one Clerk webhook event into dealerships/users. One transaction: the svix message id is recorded
 * first, so a redelivered message is a no-op, and a failed one leaves no trace and can be retried by Clerk.
 */
export async function syncClerkEvent(
  event: { type: string; data: unknown },
  eventId: string,
): Promise<SyncClerkEventResult> {
  const apply = planClerkChange(event.type, event.data);
  return withSystem(async (tx) => {
    const [fresh] = await tx
      .insert(processedWebhookEvents)
      .values({ provider: "clerk", eventId })
      .onConflictDoNothing()
      .returning({ eventId: processedWebhookEvents.eventId });
    if (!fresh) return { status: "duplicate" };
    if (!apply) return { status: "ignored" };
    await apply(tx);
    return { status: "applied" };
  });
}

/** Validates the payload before any write (a bad one is a 400, not a half-applied event). Null: not ours. */
function planClerkChange(type: string, data: unknown): ApplyChange | null {
  switch (type) {
    case "organization.created":
    case "organization.updated": {
      const org = parseData(clerkOrganization, data, type);
      return (tx) => ensureDealership(tx, org, { updateName: true });
    }
    case "organization.deleted": {
      const { id } = parseData(clerkDeleted, data, type);
      return async (tx) => id && tx.delete(dealerships).where(eq(dealerships.clerkOrgId, id));
    }
    case "organizationMembership.created":
    case "organizationMembership.updated": {
      const membership = parseData(clerkMembership, data, type);
      return (tx) =>
        upsertMember(tx, membership, type === "organizationMembership.created" ? "created" : "updated");
    }
    case "organizationMembership.deleted": {
      const membership = parseData(clerkMembership, data, type);
      return (tx) => deactivateMember(tx, membership);
    }
    case "user.updated": {
      const user = parseData(clerkUser, data, type);
      return (tx) => updateUserProfile(tx, user);
    }
    case "user.deleted": {
      const { id } = parseData(clerkDeleted, data, type);
      return async (tx) => id && deactivateClerkUser(tx, id);
    }
    default:
      // user.created included: a user without an organization has nowhere to live yet.
      return null;
  }
}

function parseData<S extends z.ZodType>(schema: S, data: unknown, type: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => i.path.join(".") || "data").join(", ");
  throw new AppError("bad_request", `Unexpected ${type} payload (fields: ${fields})`);
}

// Clerk organizations have no e-mail; this stands in until the creator or first admin is known.
const placeholderEmail = (slug: string) => `post@${slug}.norvalt.no`;
const isPlaceholderEmail = (email: string) => /^post@[a-z0-9-]+\.norvalt\.no$/.test(email);

/**
 * Finds or creates the dealership of a Clerk organization. Membership events may arrive before (or in
 * parallel with) organization.created, so both paths come here, serialized per organization by a lock.
 */
async function ensureDealership(tx: Tx, org: ClerkOrganization, { updateName }: { updateName: boolean }) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`clerk-org:${org.id}`}))`);
  const creatorEmail = org.created_by ? await findClerkUserEmail(tx, org.created_by) : null;
  const [existing] = await tx
    .select({ id: dealerships.id, email: dealerships.email })
    .from(dealerships)
    .where(eq(dealerships.clerkOrgId, org.id));
  if (existing) {
    // A membership's embedded organization can be older than the last organization.updated: only that event renames.
    const email = creatorEmail && isPlaceholderEmail(existing.email) ? creatorEmail : existing.email;
    if (updateName || email !== existing.email) {
      await tx
        .update(dealerships)
        .set({ ...(updateName && { name: org.name }), email, updatedAt: sql`now()` })
        .where(eq(dealerships.id, existing.id));
    }
    return { ...existing, email };
  }
  const created = await insertDealership(
    tx,
    {
      name: org.name,
      email: creatorEmail ?? placeholderEmail(slugify(org.slug || org.name)),
      clerkOrgId: org.id,
    },
    org.slug || org.name,
  );
  await recordAudit(tx, {
    dealershipId: created.id,
    actorType: "system",
    action: "clerk.organization.created",
    targetType: "dealership",
    targetId: created.id,
    data: { clerkOrgId: org.id, name: org.name, slug: created.slug },
  });
  return { id: created.id, email: created.email };
}

async function findClerkUserEmail(tx: Tx, clerkUserId: string): Promise<string | null> {
  const [row] = await tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.clerkUserId, clerkUserId))
    .limit(1);
  return row?.email ?? null;
}

const displayName = (first?: string | null, last?: string | null) =>
  [first, last]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(" ");

async function upsertMember(tx: Tx, m: ClerkMembership, action: "created" | "updated") {
  const dealership = await ensureDealership(tx, m.organization, { updateName: false });
  const clerkUserId = m.public_user_data.user_id;
  const email = m.public_user_data.identifier.toLowerCase();
  const values = {
    email,
    name: displayName(m.public_user_data.first_name, m.public_user_data.last_name) || email,
    role: mapClerkRole(m.role),
    clerkUserId,
    clerkMembershipId: m.id,
    isActive: true,
  };
  // A row without a Clerk id but with the same e-mail (invited or built-in account) is linked, not duplicated.
  const [current] = await tx
    .select({ id: users.id, role: users.role, isActive: users.isActive })
    .from(users)
    .where(
      and(
        eq(users.dealershipId, dealership.id),
        or(eq(users.clerkUserId, clerkUserId), and(isNull(users.clerkUserId), eq(users.email, email))),
      ),
    )
    .orderBy(sql`${users.clerkUserId} is null`)
    .limit(1);
  const [user] = current
    ? await tx
        .update(users)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(users.id, current.id))
        .returning({ id: users.id })
    : await tx
        .insert(users)
        .values({ ...values, dealershipId: dealership.id })
        .returning({ id: users.id });

  if (
    isPlaceholderEmail(dealership.email) &&
    (values.role === "admin" || m.organization.created_by === clerkUserId)
  ) {
    await tx
      .update(dealerships)
      .set({ email, updatedAt: sql`now()` })
      .where(eq(dealerships.id, dealership.id));
  }
  await recordAudit(tx, {
    dealershipId: dealership.id,
    actorType: "system",
    action: `clerk.membership.${action}`,
    targetType: "user",
    targetId: user!.id,
    data: {
      clerkUserId,
      clerkMembershipId: m.id,
      clerkRole: m.role,
      role: values.role,
      previousRole: current?.role ?? null,
      wasActive: current?.isActive ?? null,
    },
  });
}

/** Leaving the organization deactivates the user; the row stays so leads and messages keep their author. */
async function deactivateMember(tx: Tx, m: ClerkMembership) {
  const [dealership] = await tx
    .select({ id: dealerships.id })
    .from(dealerships)
    .where(eq(dealerships.clerkOrgId, m.organization.id));
  if (!dealership) return;
  const deactivated = await tx
    .update(users)
    .set({ isActive: false, updatedAt: sql`now()` })
    .where(and(eq(users.dealershipId, dealership.id), eq(users.clerkUserId, m.public_user_data.user_id)))
    .returning({ id: users.id, role: users.role });
  for (const user of deactivated) {
    await handOverOpenLeads(tx, dealership.id, user.id);
    await recordAudit(tx, {
      dealershipId: dealership.id,
      actorType: "system",
      action: "clerk.membership.deleted",
      targetType: "user",
      targetId: user.id,
      data: { clerkUserId: m.public_user_data.user_id, clerkMembershipId: m.id, role: user.role },
    });
  }
}

/**
 * The member's open leads go to the round robin by a job queued in this transaction: the assignment must run as
 * the tenant under its assign lock, and a durable job cannot be lost between our commit and Clerk's retry.
 */
function handOverOpenLeads(tx: Tx, dealershipId: string, userId: string) {
  return enqueue("team.reassign-leads", { dealershipId, userId }, { tx });
}

async function updateUserProfile(tx: Tx, user: z.infer<typeof clerkUser>) {
  const primary = user.email_addresses.find((e) => e.id === user.primary_email_address_id)?.email_address;
  const email = primary?.trim().toLowerCase();
  const name = displayName(user.first_name, user.last_name) || email;
  if (!email && !name) return;
  await tx
    .update(users)
    .set({ ...(email && { email }), ...(name && { name }), updatedAt: sql`now()` })
    .where(eq(users.clerkUserId, user.id));
}

/** A user deleted in Clerk loses access everywhere; rows are kept like for a removed membership. */
async function deactivateClerkUser(tx: Tx, clerkUserId: string) {
  const deactivated = await tx
    .update(users)
    .set({ isActive: false, updatedAt: sql`now()` })
    .where(and(eq(users.clerkUserId, clerkUserId), eq(users.isActive, true)))
    .returning({ id: users.id, dealershipId: users.dealershipId });
  for (const user of deactivated) {
    await handOverOpenLeads(tx, user.dealershipId, user.id);
    await recordAudit(tx, {
      dealershipId: user.dealershipId,
      actorType: "system",
      action: "clerk.user.deleted",
      targetType: "user",
      targetId: user.id,
      data: { clerkUserId },
    });
  }
}
