import { enteRepo, invitationRepo, type Role, tableRepo, type UserRow } from '@hubspoke/db';
import { type Actor, canInvite } from '../permissions.js';
import { addDays } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { AppError, forbidden, invalid, notFound } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { assertLocalPasswords } from './oidc.js';
import { createSession, type IssuedSession } from './sessions.js';
import { createUser, normaliseEmail } from './users.js';

export interface InvitationInput {
  email: string;
  role: Role;
  enteId?: number | null;
  tableIds?: number[];
}

/** An admin invites someone; the single-use link is mailed (queued in the mail outbox). */
export async function invite(deps: Deps, actor: Actor & { display_name: string }, input: InvitationInput) {
  if (!canInvite(actor)) throw forbidden('Only admins can invite people');
  const email = normaliseEmail(input.email);
  const tableIds = [...new Set(input.tableIds ?? [])];
  const token = generateToken();
  const expiresAt = addDays(deps.clock.now(), deps.config.invitationDays);
  return deps.db.transaction().execute(async (tx) => {
    const ente = input.enteId != null ? await enteRepo.findById(tx, input.enteId) : undefined;
    if (input.enteId != null && !ente) throw invalid('unknown_ente', 'No such ente');
    const existing = await tableRepo.existingIds(tx, tableIds);
    if (existing.length !== tableIds.length) throw invalid('unknown_table', 'One of the tables does not exist');
    // A second invitation to the same address replaces the first: only the newest link works.
    const replaced = await invitationRepo.revokePendingTo(tx, email, deps.clock.now());
    const invitation = await invitationRepo.insert(tx, {
      email,
      role: input.role,
      enteId: input.enteId ?? null,
      tableIds,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt,
    });
    await queueMail(tx, {
      template: 'invitation',
      recipient: email,
      locale: 'it',
      data: {
        url: `${deps.config.publicUrl}/invito/${token}`,
        expiresAt: expiresAt.toISOString(),
        // Who invites, with which role and for which ente: the mail says so.
        inviter: actor.display_name,
        role: invitation.role,
        ente: ente?.name ?? 'none',
      },
    });
    return { id: invitation.id, email, role: invitation.role, expiresAt, token, replaced };
  });
}

/** Accepting creates the account, joins the invited tables and signs the person in. */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; password: string; displayName: string },
): Promise<{ user: UserRow; session: IssuedSession }> {
  // With passwords off, the provider's sign-in accepts the invitation by its verified email.
  assertLocalPasswords(deps.config);
  return deps.db.transaction().execute(async (tx) => {
    const invitation = await invitationRepo.consume(tx, hashToken(input.token), deps.clock.now());
    if (!invitation) throw new AppError(410, 'invitation_invalid', 'This invitation is used, expired or unknown');
    const user = await createUser(tx, {
      email: invitation.email,
      displayName: input.displayName,
      password: input.password,
      role: invitation.role,
      enteId: invitation.ente_id,
    });
    await tableRepo.addMembers(tx, invitation.table_ids, user.id);
    const session = await createSession(deps, tx, user.id);
    return { user, session };
  });
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

/** The invitations sent, newest first, each with where it stands. */
export async function listInvitations(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  page: { limit?: number; cursor?: string } = {},
) {
  if (!canInvite(actor)) throw forbidden('Only admins see the invitations');
  const limit = pageSize(page.limit);
  const after = decodeCursor(page.cursor, (c): c is { before: number } => Number.isSafeInteger(c?.before));
  const rows = await invitationRepo.list(deps.db, { limit: limit + 1, ...(after ? { beforeId: after.before } : {}) });
  const now = deps.clock.now();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    ente: r.ente_name,
    invitedBy: r.invited_by_name,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    status: (r.accepted_at
      ? 'accepted'
      : r.revoked_at
        ? 'revoked'
        : r.expires_at <= now
          ? 'expired'
          : 'pending') as InvitationStatus,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null };
}

/** Takes an invitation back: its link stops working. Only a pending one can be. */
export async function revokeInvitation(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: number): Promise<void> {
  if (!canInvite(actor)) throw forbidden('Only admins take invitations back');
  if (!(await invitationRepo.revoke(deps.db, id, deps.clock.now()))) throw notFound('invitation');
}
