import type { NotificationRow } from '@hubspoke/db';

export const notificationToDto = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  threadId: n.thread_id,
  postId: n.post_id,
  postNumber: typeof n.data.postNumber === 'number' ? n.data.postNumber : null,
  threadTitle: typeof n.data.threadTitle === 'string' ? n.data.threadTitle : '',
  actor: n.actor_id === null ? null : { id: n.actor_id, displayName: String(n.data.actorName ?? '') },
  /** For a document's change of status: the status it moved to, and the reviewer's comment. */
  documentStatus: typeof n.data.status === 'string' ? n.data.status : null,
  comment: typeof n.data.comment === 'string' ? n.data.comment : null,
  /** For a moderator's act on the person's thread or post: what was done (the comment says why). */
  moderation:
    n.data.moderation === 'lock' || n.data.moderation === 'move' || n.data.moderation === 'hide'
      ? (n.data.moderation as 'lock' | 'move' | 'hide')
      : null,
  createdAt: n.created_at.toISOString(),
  read: n.read_at !== null,
});

export type NotificationDto = ReturnType<typeof notificationToDto>;
