import { auditRepo, erasureRepo, type UserRow } from '@hubspoke/db';
import { removeErasedUploads } from '../forum/uploads.js';
import { type Actor, isAdmin } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { AppError, conflict, forbidden, notFound } from '../shared/errors.js';
import { verifyPassword } from './passwords.js';

/** An account an admin turned off: the person is told so once their password is right. */
export const accountDeactivated = () =>
  new AppError(403, 'account_deactivated', 'This account is deactivated: ask the programme’s administrators');

function assertAdminOver(actor: Actor, userId: number) {
  if (!isAdmin(actor)) throw forbidden('Only admins manage accounts');
  if (actor.id === userId) throw conflict('own_account', 'Use your own profile for your account, not the admin pages');
}

/**
 * Deactivates (or reactivates) someone: they can no longer sign in, their sessions and tokens end
 * at once (both are looked up through an active account), their content stays. Reversible.
 */
export async function setAccountActive(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  userId: number,
  active: boolean,
) {
  assertAdminOver(actor, userId);
  return deps.db.transaction().execute(async (tx) => {
    const user = await erasureRepo.lockUser(tx, userId);
    if (!user || user.erased_at) throw notFound('user');
    const updated = await erasureRepo.setDeactivated(tx, userId, active ? null : deps.clock.now());
    if (!active) await erasureRepo.endAccess(tx, userId);
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: active ? 'user.reactivate' : 'user.deactivate',
      subjectType: 'user',
      subjectId: userId,
    });
    return updated as UserRow;
  });
}

/**
 * Erases an account in one transaction, so a crash leaves it either whole or erased. What the
 * erasure keeps and what it removes is written in `erasureRepo.erase`.
 */
async function erase(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actorId: number,
  userId: number,
  deletePosts: boolean,
) {
  await deps.db.transaction().execute(async (tx) => {
    const user = await erasureRepo.lockUser(tx, userId);
    if (!user || user.erased_at) throw notFound('user');
    await erasureRepo.erase(tx, user, { deletePosts, at: deps.clock.now() });
    await auditRepo.record(tx, {
      actorId: actorId === userId ? null : actorId,
      action: 'user.erase',
      subjectType: 'user',
      subjectId: userId,
      data: { deletePosts, byThemselves: actorId === userId },
    });
  });
  // Files are not in the transaction: removed once the erasure is committed (posts kept keep theirs).
  await removeErasedUploads(deps, userId);
}

/** The person erases their own account, confirming with their password. */
export async function eraseOwnAccount(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  user: UserRow,
  input: { password: string; deletePosts?: boolean },
): Promise<void> {
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw new AppError(403, 'wrong_password', 'The password is wrong');
  }
  await erase(deps, user.id, user.id, input.deletePosts ?? false);
}

/** An admin erases someone else's account (recorded in the audit log). */
export async function eraseAccount(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  userId: number,
  input: { deletePosts?: boolean } = {},
): Promise<void> {
  assertAdminOver(actor, userId);
  await erase(deps, actor.id, userId, input.deletePosts ?? false);
}
