import { sql } from 'kysely';
import type { Executor } from '../../connection.js';

/** Where a draft belongs: a reply to a thread, or a new thread in a table. */
export type DraftTarget = { threadId: number } | { tableId: number };

const column = (target: DraftTarget) => ('threadId' in target ? 'thread_id' : 'table_id');
const value = (target: DraftTarget) => ('threadId' in target ? target.threadId : target.tableId);

export function find(db: Executor, userId: number, target: DraftTarget) {
  return db
    .selectFrom('post_drafts')
    .select(['title', 'body', 'updated_at'])
    .where('user_id', '=', userId)
    .where(column(target), '=', value(target))
    .executeTakeFirst();
}

/** Writes the draft over the one before (one per person and place). */
export async function save(db: Executor, userId: number, target: DraftTarget, draft: { title: string; body: string }) {
  const row = await db
    .insertInto('post_drafts')
    .values({ user_id: userId, [column(target)]: value(target), title: draft.title, body: draft.body })
    .onConflict((oc) =>
      oc
        .columns(['user_id', column(target)])
        .where(column(target), 'is not', null)
        .doUpdateSet({ title: draft.title, body: draft.body, updated_at: sql`now()` }),
    )
    .returning(['title', 'body', 'updated_at'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function remove(db: Executor, userId: number, target: DraftTarget): Promise<void> {
  await db.deleteFrom('post_drafts').where('user_id', '=', userId).where(column(target), '=', value(target)).execute();
}
