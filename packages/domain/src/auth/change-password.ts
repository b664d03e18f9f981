import { apiTokenRepo, sessionRepo, type UserRow, userRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { assertLocalPasswords } from './oidc.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { createSession, type IssuedSession } from './sessions.js';

/**
 * Changing the password signs out every other session and revokes every personal API token (a
 * leaked password may have minted one); the caller gets a fresh session.
 */
export async function changePassword(
  deps: Deps,
  user: UserRow,
  input: { currentPassword: string; newPassword: string },
): Promise<IssuedSession> {
  assertLocalPasswords(deps.config);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError(403, 'wrong_password', 'The current password is wrong');
  }
  checkPasswordPolicy(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (tx) => {
    await userRepo.setPassword(tx, user.id, passwordHash);
    await sessionRepo.removeAllForUser(tx, user.id);
    await apiTokenRepo.revokeAllForUser(tx, user.id);
    return createSession(deps, tx, user.id);
  });
}
