import { type UserRow, userRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession, type IssuedSession } from './sessions.js';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Email or password is wrong');

/**
 * Checks the password and opens a session. Attempts are counted per account and per IP
 * before the check, so parallel guesses cannot slip past the limit; a success clears the
 * account's counter.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; ip: string },
): Promise<{ user: UserRow; session: IssuedSession }> {
  const email = input.email.trim().toLowerCase();
  const { maxPerAccount, maxPerIp, windowSeconds } = deps.config.login;
  await enforceRateLimit(deps.rateLimits, `login:ip:${input.ip}`, maxPerIp, windowSeconds);
  await enforceRateLimit(deps.rateLimits, `login:account:${email}`, maxPerAccount, windowSeconds);

  const user = await userRepo.findByEmail(deps.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw invalidCredentials();

  await deps.rateLimits.reset(`login:account:${email}`);
  const session = await createSession(deps, deps.db, user.id);
  return { user, session };
}
