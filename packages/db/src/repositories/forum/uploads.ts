import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../connection.js';
import type { PostUploadsTable } from '../../schema.js';

export type PostUploadRow = Selectable<PostUploadsTable>;

export function insert(db: Executor, row: Insertable<PostUploadsTable>) {
  return db.insertInto('post_uploads').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findById(db: Executor, id: number) {
  return db.selectFrom('post_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Gives the post the uploads it references that are still unattached, its author's and sent for
 * its table; anything else named in the body stays as it is.
 */
export async function attach(
  db: Executor,
  post: { id: number; authorId: number; tableId: number },
  ids: readonly number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('post_uploads')
    .set({ post_id: post.id })
    .where('id', 'in', ids)
    .where('uploader_id', '=', post.authorId)
    .where('table_id', '=', post.tableId)
    .where('post_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the post's uploads and returns them, so their files can go too. */
export function removeForPost(db: Executor, postId: number) {
  return db.deleteFrom('post_uploads').where('post_id', '=', postId).returningAll().execute();
}

/** Removes an erased person's uploads that no kept post shows (none taken, or the post deleted), and returns them. */
export function removeForErased(db: Executor, userId: number) {
  return db
    .deleteFrom('post_uploads')
    .where('uploader_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('post_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('posts')
            .select('posts.id')
            .whereRef('posts.id', '=', 'post_uploads.post_id')
            .where('posts.deleted_at', 'is not', null),
        ),
      ]),
    )
    .returningAll()
    .execute();
}

/** Removes uploads no post took before `before`, and returns them. */
export function removeUnattached(db: Executor, before: Date) {
  return db
    .deleteFrom('post_uploads')
    .where('post_id', 'is', null)
    .where('created_at', '<', before)
    .returningAll()
    .execute();
}

/** The storage keys among `keys` that some upload still uses (identical bytes are stored once). */
export async function keysInUse(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('post_uploads')
    .select(['storage_key', 'thumb_storage_key'])
    .where((eb) => eb.or([eb('storage_key', 'in', keys), eb('thumb_storage_key', 'in', keys)]))
    .execute();
  return new Set(rows.flatMap((r) => [r.storage_key, ...(r.thumb_storage_key ? [r.thumb_storage_key] : [])]));
}
