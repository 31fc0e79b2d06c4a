import { and, desc, eq, getTableColumns, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { invitations } from "../../db/schema/auth.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { UserRole } from "../../db/schema/enums.ts";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withSystem, withTenant, type TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { ROLE_LABELS, sendInvitationEmail } from "./auth-emails.ts";
import { hashPassword } from "./password.ts";
import type { acceptInvitationInput, inviteInput } from "./schemas.ts";
import type { Session } from "./session-types.ts";
import { createSession, type RequestMeta } from "./sessions.ts";
import { generateToken, hashToken } from "./tokens.ts";

const INVITATION_TTL_DAYS = 7;

/** Only admins may hand out the admin role; managers may invite managers and sales reps. */
export function canInviteRole(inviter: UserRole, role: UserRole): boolean {
  if (inviter === "admin") return true;
  return inviter === "manager" && role !== "admin";
}

export async function createInvitation(session: Session, input: z.output<typeof inviteInput>) {
  if (!canInviteRole(session.role, input.role))
    throw new AppError("forbidden", "Du kan ikke invitere med denne rollen");
  const token = generateToken();
  const invitation = await withTenant(session.dealershipId, async (tx) => {
    // Only this dealership's users are checked here: telling an inviter that an address has a login at some
    // other dealership would let any manager probe for accounts. A clash elsewhere surfaces on acceptance.
    const [member] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.dealershipId, session.dealershipId), eq(users.email, input.email)));
    if (member) {
      throw new AppError("conflict", "Denne e-postadressen har allerede en bruker hos dere", {
        fieldErrors: { email: ["Denne e-postadressen har allerede en bruker hos dere"] },
      });
    }
    // A new invitation replaces any open one for the same address.
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.dealershipId, session.dealershipId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    return insertInvitation(tx, session, token, {
      email: input.email,
      role: input.role,
      action: "invitation.created",
      data: { email: input.email, role: input.role },
    });
  });
  await emailInvitation(session, invitation, token);
  return { invitation, token };
}

/** The invitation behind a link, if it can still be used. Used by the accept page before the form is shown. */
export async function findOpenInvitation(token: string) {
  return withSystem(async (tx) => {
    const [row] = await tx
      .select({
        id: invitations.id,
        dealershipId: invitations.dealershipId,
        email: invitations.email,
        role: invitations.role,
        dealershipName: dealerships.name,
      })
      .from(invitations)
      .innerJoin(dealerships, eq(dealerships.id, invitations.dealershipId))
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      );
    return row ?? null;
  });
}

export async function acceptInvitation(
  // The phone is optional for callers (the API, tests): the form always sends the field.
  input: Omit<z.output<typeof acceptInvitationInput>, "phone"> & { phone?: string | null },
  meta: RequestMeta = {},
) {
  const invitation = await findOpenInvitation(input.token);
  if (!invitation)
    throw new AppError("not_found", "Invitasjonen er ugyldig, brukt eller utløpt. Be om en ny invitasjon.");
  const passwordHash = await hashPassword(input.password);
  const user = await withTenant(invitation.dealershipId, async (tx) => {
    // Conditional update: two tabs accepting the same link cannot both succeed.
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new AppError("conflict", "Invitasjonen er allerede brukt");
    const [created] = await tx
      .insert(users)
      .values({
        dealershipId: invitation.dealershipId,
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        passwordHash,
        // Unverified until the user types the SMS code on My profile.
        phone: input.phone ?? null,
        // The link arrived by e-mail, which proves the address.
        emailVerifiedAt: sql`now()`,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError("conflict", "Denne e-postadressen har allerede en bruker");
    await recordAudit(tx, {
      dealershipId: invitation.dealershipId,
      actorType: "user",
      actorUserId: created.id,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: invitation.id,
      ip: meta.ip,
    });
    return created;
  });
  return { user, sessionToken: await createSession(user, meta) };
}

export async function revokeInvitation(session: Session, invitationId: string) {
  await withTenant(session.dealershipId, async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.dealershipId, session.dealershipId),
          isNull(invitations.acceptedAt),
        ),
      )
      .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
    if (!revoked) throw new AppError("not_found", "Fant ikke invitasjonen");
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: revoked.id,
      data: { email: revoked.email, role: revoked.role },
    });
  });
}

export async function findInvitations(session: Session) {
  return withTenant(session.dealershipId, (tx) =>
    tx
      .select({ ...getTableColumns(invitations), expired: sql<boolean>`${invitations.expiresAt} < now()` })
      .from(invitations)
      .where(
        and(
          eq(invitations.dealershipId, session.dealershipId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .orderBy(desc(invitations.createdAt)),
  );
}

/**
 * Sends an open (or expired) invitation again with a new link: the old link stops working at once, the new one
 * is valid for another week. A manager cannot resend an admin invitation (as they could not have sent it).
 */
export async function resendInvitation(session: Session, invitationId: string) {
  const token = generateToken();
  const invitation = await withTenant(session.dealershipId, async (tx) => {
    const [old] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.dealershipId, session.dealershipId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (!old) throw new AppError("not_found", "Fant ikke invitasjonen");
    if (!canInviteRole(session.role, old.role))
      throw new AppError("forbidden", "Du kan ikke invitere med denne rollen");
    return insertInvitation(tx, session, token, {
      email: old.email,
      role: old.role,
      action: "invitation.resent",
      data: { email: old.email, role: old.role, replaces: old.id },
    });
  });
  await emailInvitation(session, invitation, token);
  return { invitation, token };
}

/** A new invitation row valid for INVITATION_TTL_DAYS, with its audit entry, in the caller's transaction. */
async function insertInvitation(
  tx: TenantTx,
  session: Session,
  token: string,
  invite: { email: string; role: UserRole; action: string; data: Record<string, unknown> },
) {
  const [row] = await tx
    .insert(invitations)
    .values({
      dealershipId: session.dealershipId,
      email: invite.email,
      role: invite.role,
      tokenHash: hashToken(token),
      invitedBy: session.userId,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .returning();
  await recordAudit(tx, {
    dealershipId: session.dealershipId,
    actorType: "user",
    actorUserId: session.userId,
    action: invite.action,
    targetType: "invitation",
    targetId: row!.id,
    data: invite.data,
  });
  return row!;
}

/** The invitation e-mail with its link, after the transaction that made the invitation has committed. */
function emailInvitation(session: Session, invitation: { email: string; role: UserRole }, token: string) {
  return sendInvitationEmail(
    { dealershipId: session.dealershipId, email: invitation.email },
    {
      dealershipName: session.dealershipName,
      inviterName: session.name,
      roleLabel: ROLE_LABELS[invitation.role],
      token,
    },
  );
}
