import type { Executor, Tx } from '../../connection.js';

export async function insert(
  db: Executor,
  reset: { userId: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ user_id: reset.userId, token_hash: reset.tokenHash, expires_at: reset.expiresAt })
    .execute();
}

/** Uses the token once: returns its user id only if it was unused and unexpired. */
export async function consume(db: Tx, tokenHash: string, now: Date): Promise<number | undefined> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Marks every outstanding token of a user as used, so only a link issued later can work. */
export async function invalidateAllForUser(db: Executor, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
