import { type Executor, sessionRepo, type UserRow } from '@hubspoke/db';
import { addDays } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';

/**
 * Sessions as in Lucia's guide: the client holds a random token, we store only its SHA-256
 * as the session id. Expiry slides: a session used in the second half of its life is extended.
 */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(
  deps: Pick<Deps, 'config' | 'clock'>,
  db: Executor,
  userId: number,
): Promise<IssuedSession> {
  const token = generateToken();
  const expiresAt = addDays(deps.clock.now(), deps.config.sessionDays);
  await sessionRepo.insert(db, { id: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

export interface ValidSession {
  user: UserRow;
  expiresAt: Date;
  /** True when the expiry moved and the cookie should be sent again. */
  refreshed: boolean;
}

export async function validateSession(deps: Deps, token: string): Promise<ValidSession | undefined> {
  const id = hashToken(token);
  const cache = deps.sessions;
  const generation = cache?.currentGeneration ?? 0;
  const cached = cache?.find(id);
  const found = cached ?? (await sessionRepo.findWithUser(deps.db, id));
  if (!found) return undefined;
  const now = deps.clock.now();
  if (now >= found.expiresAt) {
    await sessionRepo.remove(deps.db, id);
    cache?.forgetSession(id);
    return undefined;
  }
  const halfLife = (deps.config.sessionDays * 86_400_000) / 2;
  if (found.expiresAt.getTime() - now.getTime() < halfLife) {
    const expiresAt = addDays(now, deps.config.sessionDays);
    await sessionRepo.extend(deps.db, id, expiresAt);
    cache?.keep(id, { user: found.user, expiresAt }, generation);
    return { user: found.user, expiresAt, refreshed: true };
  }
  if (!cached) cache?.keep(id, found, generation);
  return { user: found.user, expiresAt: found.expiresAt, refreshed: false };
}

export async function invalidateSession(deps: Pick<Deps, 'db' | 'sessions'>, token: string): Promise<void> {
  const id = hashToken(token);
  await sessionRepo.remove(deps.db, id);
  // At once for this process; the others hear of it from the database.
  deps.sessions?.forgetSession(id);
}

/** Expired sessions are refused anyway; removing them keeps the table from growing forever. */
export const removeExpiredSessions = (deps: Pick<Deps, 'db' | 'clock'>) =>
  sessionRepo.removeExpired(deps.db, deps.clock.now());
