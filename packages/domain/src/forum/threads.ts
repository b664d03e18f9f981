import {
  auditRepo,
  draftRepo,
  eventRepo,
  postRepo,
  type ThreadKind,
  type ThreadListFilters,
  type ThreadRow,
  type Tx,
  tableRepo,
  threadRepo,
  type UserRow,
} from '@hubspoke/db';
import { toPlainText } from '@hubspoke/markdown';
import { assertPattoAccepted } from '../consents/consents.js';
import {
  type Actor,
  canAcceptAnswer,
  canCreateAnnouncement,
  canModerateTable,
  canSeeHiddenPost,
} from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { assignQuestion } from '../tutoring/assign.js';
import { assertModerates, readableThread, readableThreadListRow, writableTable } from './access.js';
import { prepareBody, prepareTitle } from './content.js';
import { postToDto, threadEventData, threadToDto } from './dto.js';
import { noticeToAuthor, prepareReason } from './moderation-notice.js';
import { addOpeningPost, announceThread, focusRooms, tableRooms } from './opening.js';
import { attachReferencedUploads } from './uploads.js';

export interface NewThreadInput {
  tableId: number;
  focusArea: string;
  dimension?: string | null;
  kind: ThreadKind;
  title: string;
  body: string;
  /** A question asking a tutor to review this document version (set by the document library). */
  documentVersionId?: number;
  /** The unpublished document the thread is about: it stays as private as that draft. */
  draftDocumentId?: number;
}

export async function enforcePostingLimit(deps: Deps, actor: Actor): Promise<void> {
  const { maxPerWindow, windowSeconds } = deps.config.posting;
  await enforceRateLimit(deps.rateLimits, `post:user:${actor.id}`, maxPerWindow, windowSeconds, { failOpen: true });
}

export async function createThread(deps: Deps, actor: UserRow, input: NewThreadInput) {
  const table = await writableTable(deps.db, actor, input.tableId);
  await assertPattoAccepted(deps, actor);
  if (input.kind === 'announcement' && !canCreateAnnouncement(actor)) {
    throw forbidden('Only moderators and admins publish announcements');
  }
  const title = prepareTitle(input.title);
  await enforcePostingLimit(deps, actor);
  const prepared = await prepareBody(deps, deps.db, table.id, input.body);
  const now = deps.clock.now();

  const { thread, post, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const created = await threadRepo.insert(tx, {
      table_id: table.id,
      focus_area: input.focusArea,
      dimension: input.dimension ?? null,
      kind: input.kind,
      title,
      author_id: actor.id,
      created_at: now,
      document_version_id: input.documentVersionId ?? null,
      draft_document_id: input.draftDocumentId ?? null,
    });
    const { post } = await addOpeningPost(tx, actor, created, prepared, now);
    await attachReferencedUploads(tx, { id: post.id, authorId: actor.id, tableId: table.id, body: prepared.body });
    const assigned =
      input.kind === 'question'
        ? await assignQuestion(tx, created, { at: now, actorId: null, reason: 'routing' })
        : undefined;
    const eventId = await announceThread(tx, created, post);
    // A thread written in the composer replaces its draft; one opened for a document leaves it.
    if (input.documentVersionId == null && input.draftDocumentId == null)
      await draftRepo.remove(tx, actor.id, { tableId: table.id });
    const thread = await threadRepo.findListRow(tx, actor, created.id);
    if (!thread) throw notFound('thread');
    return { thread, post, eventIds: [eventId, ...(assigned ? [assigned.eventId] : [])] };
  });
  deps.events.publish(eventIds);
  return { thread: threadToDto(thread), post: postToDto(post) };
}

const isListCursor = (v: any): v is { p: boolean; a: string; i: number } =>
  typeof v?.p === 'boolean' && typeof v?.a === 'string' && !Number.isNaN(Date.parse(v.a)) && Number.isSafeInteger(v?.i);

export interface ListThreadsInput extends Omit<ThreadListFilters, 'activeSince'> {
  newSinceLastVisit?: boolean;
  cursor?: string;
  limit?: number;
}

/** Threads the actor can see, pinned first then by last activity, keyset-paginated. */
export async function listThreads(deps: Pick<Deps, 'db'>, actor: UserRow, input: ListThreadsInput) {
  const limit = pageSize(input.limit);
  const cursor = decodeCursor(input.cursor, isListCursor);
  const { cursor: _c, limit: _l, newSinceLastVisit, ...filters } = input;
  const activeSince = newSinceLastVisit ? (actor.previous_visit_at ?? actor.created_at) : undefined;
  const rows = await threadRepo.list(
    deps.db,
    actor,
    { ...filters, ...(activeSince ? { activeSince } : {}) },
    cursor ? { pinned: cursor.p, lastActivityAt: new Date(cursor.a), id: cursor.i } : undefined,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((t) => threadToDto(t, actor.previous_visit_at)),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ p: last.pinned, a: last.last_activity_at.toISOString(), i: last.id })
        : null,
  };
}

/** A thread with one page of posts, by post number; a question also carries its accepted answer. */
export async function getThreadPage(
  deps: Pick<Deps, 'db'>,
  actor: UserRow,
  threadId: number,
  page: { after?: number; limit?: number },
) {
  const context = await readableThreadListRow(deps.db, actor, threadId);
  const { thread } = context;
  const limit = pageSize(page.limit);
  const acceptedId = thread.accepted_post_id;
  const [posts, accepted] = await Promise.all([
    postRepo.page(deps.db, threadId, page.after ?? 0, limit + 1, actor.id),
    acceptedId ? postRepo.findPageRow(deps.db, acceptedId, actor.id) : undefined,
  ]);
  const shown = posts.slice(0, limit);
  const reveal = (p: { author_id: number }) => canSeeHiddenPost(actor, p, context.moderates);
  return {
    thread: threadToDto(thread, actor.previous_visit_at),
    posts: shown.map((p) => postToDto(p, reveal(p))),
    acceptedAnswer: accepted ? postToDto(accepted, reveal(accepted)) : null,
    nextCursor: posts.length > limit ? String(shown.at(-1)?.number) : null,
    permissions: {
      moderate: context.moderates,
      accept: thread.kind === 'question' && canAcceptAnswer(actor, thread, context.moderates),
    },
  };
}

export interface ThreadChanges {
  title?: string;
  pinned?: boolean;
  locked?: boolean;
  tableId?: number;
  focusArea?: string;
  dimension?: string | null;
  /** Slow mode: minutes between two posts of one person, or null for none. */
  slowModeMinutes?: number | null;
}

/**
 * Authors may retitle their thread; everything else (and any title) is for the table's moderators.
 * A lock or a move tells the author, with the moderator's reason when one is given.
 */
export async function updateThread(
  deps: Deps,
  actor: UserRow,
  threadId: number,
  changes: ThreadChanges,
  reasonText?: string,
) {
  const context = await readableThread(deps.db, actor, threadId);
  const reason = prepareReason(reasonText);
  const onlyTitle = Object.keys(changes).every((k) => k === 'title');
  if (!(onlyTitle && context.thread.author_id === actor.id)) assertModerates(context);
  if (changes.tableId !== undefined && changes.tableId !== context.thread.table_id) {
    const target = await tableRepo.findById(deps.db, changes.tableId);
    if (!target) throw invalid('unknown_table', 'No such table');
    if (!canModerateTable(actor, await tableRepo.isMember(deps.db, target.id, actor.id))) {
      throw forbidden('You can move threads only into tables you moderate');
    }
  }
  const title = changes.title === undefined ? undefined : prepareTitle(changes.title);

  const { updated, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const before = await threadRepo.lockById(tx, threadId);
    if (!before) throw notFound('thread');
    const updated = await threadRepo.update(tx, threadId, {
      ...(title !== undefined ? { title } : {}),
      ...(changes.pinned !== undefined ? { pinned: changes.pinned } : {}),
      ...(changes.locked !== undefined ? { locked: changes.locked } : {}),
      ...(changes.tableId !== undefined ? { table_id: changes.tableId } : {}),
      ...(changes.focusArea !== undefined ? { focus_area: changes.focusArea } : {}),
      ...(changes.dimension !== undefined ? { dimension: changes.dimension } : {}),
      ...(changes.slowModeMinutes !== undefined ? { slow_mode_minutes: changes.slowModeMinutes } : {}),
    });
    if (title !== undefined && title !== before.title) await refreshTitleVector(tx, updated);
    if (!onlyTitle || before.author_id !== actor.id) {
      await auditRepo.record(tx, {
        actorId: actor.id,
        action: 'thread.update',
        subjectType: 'thread',
        subjectId: threadId,
        data: {
          changes,
          ...(reason ? { reason } : {}),
          before: {
            title: before.title,
            pinned: before.pinned,
            locked: before.locked,
            tableId: before.table_id,
            focusArea: before.focus_area,
            slowModeMinutes: before.slow_mode_minutes,
          },
        },
      });
    }
    const eventRooms = [rooms.thread(threadId), ...tableRooms(updated), ...(await focusRooms(tx, updated))];
    const eventIds = [
      await eventRepo.insert(tx, { name: 'thread.updated', rooms: eventRooms, data: threadEventData(updated) }),
    ];
    // The rooms it left may learn only that it left: it may have moved somewhere they cannot read.
    const leftRooms = [...tableRooms(before), ...(await focusRooms(tx, before))].filter(
      (room) => !eventRooms.includes(room),
    );
    if (leftRooms.length > 0) {
      eventIds.push(
        await eventRepo.insert(tx, {
          name: 'thread.left',
          rooms: leftRooms,
          data: { id: threadId, tableId: before.table_id },
        }),
      );
    }
    const moved = updated.table_id !== before.table_id;
    const moderation = moved ? 'move' : changes.locked === true && !before.locked ? 'lock' : null;
    if (moderation) {
      const notice = { authorId: before.author_id, actor, thread: updated, postId: null, reason, moderation } as const;
      eventIds.push(...(await noticeToAuthor(tx, notice)));
    }
    return { updated, eventIds };
  });
  deps.events.publish(eventIds);
  const row = await threadRepo.findListRow(deps.db, actor, updated.id);
  if (!row) throw notFound('thread');
  return threadToDto(row, actor.previous_visit_at);
}

async function refreshTitleVector(tx: Tx, thread: ThreadRow) {
  const first = await postRepo.page(tx, thread.id, 0, 1, 0);
  await postRepo.refreshFirstPostVector(tx, thread.id, thread.title, toPlainText(first[0]?.body_html ?? ''));
}
