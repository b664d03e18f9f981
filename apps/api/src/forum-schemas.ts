import { Type } from '@fastify/type-provider-typebox';
import { literals, Nullable } from './schemas.js';

export const FocusAreaSlug = literals(['cultura', 'innovazione']);
export const DimensionSlug = literals(['strategia', 'competenze', 'capacita_istituzionale']);
export const ThreadKind = literals(['discussion', 'question', 'announcement']);
export const WatchLevel = literals(['watching', 'normal', 'muted']);

const Person = Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() });
const PostAuthor = Type.Object({
  id: Type.Integer(),
  displayName: Type.String(),
  handle: Type.String(),
  role: literals(['participant', 'tutor', 'moderator', 'admin']),
});
const DateTime = Type.String({ format: 'date-time' });

export const ThreadSchema = Type.Object({
  id: Type.Integer(),
  tableId: Type.Integer(),
  focusArea: Type.String(),
  dimension: Nullable(Type.String()),
  kind: ThreadKind,
  title: Type.String(),
  author: Person,
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  postCount: Type.Integer(),
  participantCount: Type.Integer(),
  lastPostNumber: Type.Integer(),
  lastActivityAt: DateTime,
  createdAt: DateTime,
  lastReadPostNumber: Nullable(Type.Integer()),
  unreadCount: Type.Integer(),
  newSinceLastVisit: Type.Boolean(),
  bookmarked: Type.Boolean(),
  subscription: WatchLevel,
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

export const PostSchema = Type.Object({
  id: Type.Integer(),
  threadId: Type.Integer(),
  number: Type.Integer(),
  author: PostAuthor,
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

export const Body = Type.String({ minLength: 1, maxLength: 60_000 });
export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }));
export const Cursor = Type.Optional(Type.String({ maxLength: 500 }));
