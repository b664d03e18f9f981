import { rateLimitRepo, type UserRow, userRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { rateLimited } from '../shared/rate-limit.js';
import { accountDeactivated } from './accounts.js';
import { assertLocalPasswords } from './oidc.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession, type IssuedSession } from './sessions.js';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Email or password is wrong');

/** The first wait once an (account, IP) pair has used its free failures; it doubles with each further one. */
export const LOGIN_BACKOFF_BASE_SECONDS = 1;

/**
 * Checks the password and opens a session. Guesses are slowed per (account, IP) pair: after
 * `maxPerAccount` failures each further attempt waits a delay that doubles, up to the window, so
 * a stranger guessing elsewhere never locks the owner out. Each IP also has a ceiling of
 * `maxPerIp` failures per window; correct passwords do not count, so a whole office signing in
 * from one address is never blocked. Both are reserved before the (slow) password check, so
 * parallel guesses cannot slip past them; a success gives the reservations back. They live in
 * PostgreSQL, beside the sessions they protect, because backoff needs to give an attempt back.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; ip: string },
): Promise<{ user: UserRow; session: IssuedSession }> {
  assertLocalPasswords(deps.config);
  const email = input.email.trim().toLowerCase();
  const { maxPerAccount, maxPerIp, windowSeconds } = deps.config.login;
  const ipKey = `login:ip-failures:${input.ip}`;
  const pairKey = `login:backoff:${input.ip}:${email}`;

  const ipWait = await rateLimitRepo.reserveCeiling(deps.db, ipKey, maxPerIp, windowSeconds);
  if (ipWait > 0) throw rateLimited(ipWait);
  const pairWait = await rateLimitRepo.reserveBackoffAttempt(deps.db, pairKey, {
    free: maxPerAccount,
    baseSeconds: LOGIN_BACKOFF_BASE_SECONDS,
    forgetSeconds: windowSeconds,
  });
  if (pairWait > 0) {
    // Refused before any check: not a failure this IP should be charged with.
    await rateLimitRepo.release(deps.db, ipKey);
    throw rateLimited(pairWait);
  }

  const user = await userRepo.findByEmail(deps.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) throw invalidCredentials();
  if (user.deactivated_at) throw accountDeactivated();

  await rateLimitRepo.release(deps.db, ipKey);
  await rateLimitRepo.reset(deps.db, pairKey);
  const session = await createSession(deps, deps.db, user.id);
  return { user, session };
}
