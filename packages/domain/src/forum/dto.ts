import type { PostRow, Role, ThreadListRow, ThreadRow, WatchLevel } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { RoleSchema } from '../dto.js';
import { DateTime, literals, Nullable } from '../shared/schema.js';

export const ThreadKindSchema = literals(['discussion', 'question', 'announcement']);
export const WatchLevelSchema = literals(['watching', 'normal', 'muted']);
const Person = Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() });

export const ThreadSchema = Type.Object({
  id: Type.Integer(),
  tableId: Type.Integer(),
  focusArea: Type.String(),
  dimension: Nullable(Type.String()),
  kind: ThreadKindSchema,
  title: Type.String(),
  author: Person,
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  slowModeMinutes: Nullable(Type.Integer({ description: 'each person posts at most once every so many minutes' })),
  postCount: Type.Integer(),
  participantCount: Type.Integer(),
  lastPostNumber: Type.Integer(),
  lastActivityAt: DateTime,
  createdAt: DateTime,
  lastReadPostNumber: Nullable(Type.Integer()),
  unreadCount: Type.Integer(),
  newSinceLastVisit: Type.Boolean(),
  bookmarked: Type.Boolean(),
  subscription: WatchLevelSchema,
  question: Nullable(
    Type.Object({
      status: literals(['open', 'answered', 'resolved']),
      assignedTutorId: Nullable(Type.Integer()),
      assignedTutor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
      acceptedPostId: Nullable(Type.Integer()),
      documentVersionId: Nullable(Type.Integer()),
    }),
  ),
});
export type ThreadDto = Static<typeof ThreadSchema>;

export const PostSchema = Type.Object({
  id: Type.Integer(),
  threadId: Type.Integer(),
  number: Type.Integer(),
  author: Type.Object({ ...Person.properties, role: RoleSchema }),
  body: Type.String(),
  bodyHtml: Type.String(),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  deleted: Type.Boolean(),
  hidden: Type.Boolean(),
  reactions: Type.Object({ like: Type.Integer() }),
  likedByMe: Type.Boolean(),
  replyTo: Nullable(Type.Integer()),
});
export type PostDto = Static<typeof PostSchema>;

/** Row → public shape for threads and posts; the only place these shapes are built. */
export function threadToDto(t: ThreadListRow, previousVisitAt: Date | null = null): ThreadDto {
  const lastRead = t.last_read_post_number ?? 0;
  return {
    id: t.id,
    tableId: t.table_id,
    focusArea: t.focus_area,
    dimension: t.dimension,
    kind: t.kind,
    title: t.title,
    author: { id: t.author_id, displayName: t.author_name, handle: t.author_handle },
    pinned: t.pinned,
    locked: t.locked,
    slowModeMinutes: t.slow_mode_minutes,
    postCount: t.post_count,
    participantCount: t.participant_count,
    lastPostNumber: t.last_post_number,
    lastActivityAt: t.last_activity_at.toISOString(),
    createdAt: t.created_at.toISOString(),
    lastReadPostNumber: t.last_read_post_number,
    unreadCount: Math.max(t.last_post_number - lastRead, 0),
    newSinceLastVisit: previousVisitAt !== null && t.last_activity_at > previousVisitAt,
    bookmarked: t.bookmarked,
    subscription: (t.subscription ?? 'normal') as WatchLevel,
    question:
      t.kind === 'question'
        ? {
            status: t.question_status ?? 'open',
            assignedTutorId: t.assigned_tutor_id,
            assignedTutor:
              t.assigned_tutor_id === null
                ? null
                : { id: t.assigned_tutor_id, displayName: t.assigned_tutor_name ?? '' },
            acceptedPostId: t.accepted_post_id,
            documentVersionId: t.document_version_id,
          }
        : null,
  };
}

type PostWithAuthor = PostRow & {
  author_name: string;
  author_handle: string;
  author_role: Role;
  liked_by_me?: boolean;
};

/**
 * Deleted posts keep their number but lose their content (a tombstone). Hidden posts show
 * their content only to those allowed to see it (`revealHidden`).
 */
export function postToDto(p: PostWithAuthor, revealHidden = false): PostDto {
  const withheld = p.deleted_at !== null || (p.hidden_at !== null && !revealHidden);
  return {
    id: p.id,
    threadId: p.thread_id,
    number: p.number,
    author: { id: p.author_id, displayName: p.author_name, handle: p.author_handle, role: p.author_role },
    body: withheld ? '' : p.body,
    bodyHtml: withheld ? '' : p.body_html,
    createdAt: p.created_at.toISOString(),
    editedAt: p.edited_at?.toISOString() ?? null,
    deleted: p.deleted_at !== null,
    hidden: p.hidden_at !== null,
    reactions: { like: p.like_count },
    likedByMe: p.liked_by_me ?? false,
    replyTo: p.reply_to_post_id,
  };
}

/** What live events carry: the same shape without anything specific to one viewer. */
export const postEventData = (p: PostWithAuthor): PostDto => ({ ...postToDto(p), likedByMe: false });

export const threadEventData = (t: ThreadRow) => ({
  id: t.id,
  tableId: t.table_id,
  focusArea: t.focus_area,
  kind: t.kind,
  title: t.title,
  pinned: t.pinned,
  locked: t.locked,
  postCount: t.post_count,
  lastPostNumber: t.last_post_number,
  lastActivityAt: t.last_activity_at.toISOString(),
});
