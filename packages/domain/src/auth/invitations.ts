import { enteRepo, invitationRepo, type Role, tableRepo, type UserRow } from '@hubspoke/db';
import { type Actor, canInvite } from '../permissions.js';
import { addDays } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError, forbidden, invalid } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { createSession, type IssuedSession } from './sessions.js';
import { createUser, normaliseEmail } from './users.js';

export interface InvitationInput {
  email: string;
  role: Role;
  enteId?: number | null;
  tableIds?: number[];
}

/** An admin invites someone; the single-use link is mailed (queued in the mail outbox). */
export async function invite(deps: Deps, actor: Actor, input: InvitationInput) {
  if (!canInvite(actor)) throw forbidden('Only admins can invite people');
  const email = normaliseEmail(input.email);
  const tableIds = [...new Set(input.tableIds ?? [])];
  const token = generateToken();
  const expiresAt = addDays(deps.clock.now(), deps.config.invitationDays);
  return deps.db.transaction().execute(async (tx) => {
    if (input.enteId != null && !(await enteRepo.findById(tx, input.enteId)))
      throw invalid('unknown_ente', 'No such ente');
    const existing = await tableRepo.existingIds(tx, tableIds);
    if (existing.length !== tableIds.length) throw invalid('unknown_table', 'One of the tables does not exist');
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
      data: { url: `${deps.config.publicUrl}/invito/${token}`, expiresAt: expiresAt.toISOString() },
    });
    return { id: invitation.id, email, role: invitation.role, expiresAt, token };
  });
}

/** Accepting creates the account, joins the invited tables and signs the person in. */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; password: string; displayName: string },
): Promise<{ user: UserRow; session: IssuedSession }> {
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
