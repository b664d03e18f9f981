import {
  type DocumentRow,
  documentFollowerRepo,
  documentListRepo,
  type Tx,
  tutoringRepo,
  type UserRow,
} from '@hubspoke/db';
import { notify } from '../notifications/notify.js';

/**
 * Tells the author and the followers that a document changed status, in the change's own
 * transaction: one notification per person, never to the one who acted, and only to people who
 * can still see the document in its new state. Returns the live events to publish after commit.
 */
export async function notifyDocumentChange(
  tx: Tx,
  change: { document: DocumentRow; actor: UserRow; eventId: number; comment: string | null },
): Promise<number[]> {
  const { document, actor } = change;
  const candidates = new Set([document.author_id, ...(await documentFollowerRepo.followerIds(tx, document.id))]);
  // A submission waits for the table's moderators: they hear of it without following the document.
  if (document.status === 'submitted')
    for (const id of await tutoringRepo.moderatorsOf(tx, document.table_id)) candidates.add(id);
  candidates.delete(actor.id);
  const allowed = await documentListRepo.whoCanSee(tx, document.id, [...candidates]);
  const { eventIds } = await notify(
    tx,
    [...allowed].map((userId) => ({
      user_id: userId,
      kind: 'document_status' as const,
      event_id: change.eventId,
      thread_id: document.thread_id,
      post_id: null,
      actor_id: actor.id,
      data: {
        threadTitle: document.title,
        actorName: actor.display_name,
        documentId: document.id,
        status: document.status,
        // What the reviewer wrote goes with the news: "needs changes" alone says too little.
        ...(change.comment ? { comment: change.comment } : {}),
      },
    })),
  );
  return eventIds;
}
