import { eventRepo, type ThreadRow, type Tx, type UserRow } from '@hubspoke/db';
import { normaliseText } from '@hubspoke/markdown';
import { notify } from '../notifications/notify.js';

export type ModerationAction = 'lock' | 'move' | 'hide';

/** A moderator's reason, as typed: one paragraph of plain text, at most this long. */
export const MAX_REASON_LENGTH = 500;

export function prepareReason(reason: string | undefined): string | null {
  const clean = normaliseText(reason ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean ? clean.slice(0, MAX_REASON_LENGTH) : null;
}

/**
 * Tells the author what a moderator did to their thread or post, and why, in the moderation's
 * own transaction; never when they did it themselves. Returns the live events to publish.
 */
export async function noticeToAuthor(
  tx: Tx,
  notice: {
    authorId: number;
    actor: UserRow;
    thread: Pick<ThreadRow, 'id' | 'title'>;
    postId: number | null;
    moderation: ModerationAction;
    reason: string | null;
  },
): Promise<number[]> {
  if (notice.authorId === notice.actor.id) return [];
  // Its own outbox event, so the worker mails the notice (and only this notice) after commit.
  const source = await eventRepo.insert(tx, {
    name: 'moderation.noticed',
    rooms: [],
    data: { threadId: notice.thread.id, moderation: notice.moderation },
  });
  const { eventIds } = await notify(tx, [
    {
      user_id: notice.authorId,
      kind: 'moderated',
      event_id: source,
      thread_id: notice.thread.id,
      post_id: notice.postId,
      actor_id: notice.actor.id,
      data: {
        threadTitle: notice.thread.title,
        actorName: notice.actor.display_name,
        moderation: notice.moderation,
        ...(notice.reason ? { comment: notice.reason } : {}),
      },
    },
  ]);
  return [source, ...eventIds];
}
