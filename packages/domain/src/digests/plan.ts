import { digestRepo, type UserRow } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/** Who is due a digest now, and for which period. */
export const dueDigests = (deps: Pick<Deps, 'db'>, now: Date) => digestRepo.due(deps.db, now);

/** Deterministic job id for one person and period: a second enqueue of the same digest is a no-op. */
export const digestJobId = (userId: number, period: string) => `digest-${userId}-${period}`;

/** A digest covers everything since the previous one ended (or one period back for the first). */
export async function digestWindow(deps: Pick<Deps, 'db'>, user: Pick<UserRow, 'id' | 'digest'>, now: Date) {
  const previous = await digestRepo.lastCoveredUntil(deps.db, user.id);
  const length = (user.digest === 'daily' ? 1 : 7) * 86_400_000;
  return { from: previous ?? new Date(now.getTime() - length), to: now };
}
