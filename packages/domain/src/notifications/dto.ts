import type { NotificationRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';

const MODERATIONS = ['lock', 'move', 'hide'] as const;
const isModeration = (value: unknown): value is (typeof MODERATIONS)[number] =>
  MODERATIONS.includes(value as (typeof MODERATIONS)[number]);

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: literals([
    'mention',
    'reply',
    'watched_reply',
    'new_thread',
    'document_status',
    'question_assigned',
    'question_reminder',
    'question_escalated',
    'tutor_answer',
    'answer_accepted',
    'asker_followup',
    'moderated',
    'survey_open',
    'session_reminder',
    'conversation_message',
    'conversation_flag',
  ]),
  threadId: Nullable(Type.Integer()),
  postId: Nullable(Type.Integer()),
  postNumber: Nullable(Type.Integer()),
  threadTitle: Type.String(),
  actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  documentStatus: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  moderation: Nullable(literals([...MODERATIONS])),
  surveyId: Nullable(Type.Integer({ description: 'a questionnaire that opened: its id' })),
  conversationId: Nullable(Type.Integer({ description: 'a private conversation: its id' })),
  pathTableId: Nullable(Type.Integer({ description: 'a session coming tomorrow: the table whose path it is on' })),
  createdAt: DateTime,
  read: Type.Boolean(),
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const notificationToDto = (n: NotificationRow): NotificationDto => ({
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
  moderation: isModeration(n.data.moderation) ? n.data.moderation : null,
  surveyId: typeof n.data.surveyId === 'number' ? n.data.surveyId : null,
  conversationId: typeof n.data.conversationId === 'number' ? n.data.conversationId : null,
  pathTableId: n.kind === 'session_reminder' && typeof n.data.tableId === 'number' ? n.data.tableId : null,
  createdAt: n.created_at.toISOString(),
  read: n.read_at !== null,
});
