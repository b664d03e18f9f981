import type { Executor, Tx } from '../../connection.js';
import type { DataExportRow } from '../../schema.js';

/** A new export, to be built by the worker. */
export async function insert(tx: Tx, userId: number, at: Date): Promise<number> {
  const row = await tx
    .insertInto('data_exports')
    .values({ user_id: userId, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findById(db: Executor, id: number): Promise<DataExportRow | undefined> {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Records the built file and its link, once: a second build of the same export (a retried
 * job) finds it built and changes nothing. Returns whether this call recorded it.
 */
export async function markBuilt(
  tx: Tx,
  id: number,
  built: { storageKey: string; size: number; tokenHash: string; expiresAt: Date },
): Promise<boolean> {
  const row = await tx
    .updateTable('data_exports')
    .set({
      storage_key: built.storageKey,
      size: built.size,
      token_hash: built.tokenHash,
      expires_at: built.expiresAt,
    })
    .where('id', '=', id)
    .where('expires_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Uses a link once, in one statement: only an unused, unexpired link of this person's comes
 * back, so two clicks at once get the file once.
 */
export function consume(db: Executor, userId: number, tokenHash: string, now: Date) {
  return db
    .updateTable('data_exports')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('storage_key', 'is not', null)
    .returning(['id', 'storage_key', 'size', 'created_at'])
    .executeTakeFirst();
}

/** The link's row whatever its state, to tell a used link from an expired one. */
export function findByToken(db: Executor, userId: number, tokenHash: string) {
  return db
    .selectFrom('data_exports')
    .select(['id', 'used_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * Exports whose file is kept though nobody may download it any more: used before `usedBefore`,
 * expired, or of an account erased since.
 */
export function listFinished(db: Executor, now: Date, usedBefore: Date, limit: number) {
  return db
    .selectFrom('data_exports')
    .select(['id', 'storage_key'])
    .where('storage_key', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('used_at', '<', usedBefore),
        eb('expires_at', '<=', now),
        eb.exists(
          eb
            .selectFrom('users')
            .select('users.id')
            .whereRef('users.id', '=', 'data_exports.user_id')
            .where('users.erased_at', 'is not', null),
        ),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The file is gone: forget where it was. */
export async function forgetFile(db: Executor, id: number): Promise<void> {
  await db.updateTable('data_exports').set({ storage_key: null }).where('id', '=', id).execute();
}
