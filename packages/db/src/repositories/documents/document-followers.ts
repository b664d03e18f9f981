import type { Executor } from '../../connection.js';

export async function setFollowing(db: Executor, documentId: number, userId: number, on: boolean): Promise<void> {
  if (on) {
    await db
      .insertInto('document_followers')
      .values({ document_id: documentId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db
      .deleteFrom('document_followers')
      .where('document_id', '=', documentId)
      .where('user_id', '=', userId)
      .execute();
  }
}

export async function followerIds(db: Executor, documentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('document_followers')
    .select('user_id')
    .where('document_id', '=', documentId)
    .execute();
  return rows.map((r) => r.user_id);
}
