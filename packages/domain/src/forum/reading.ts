import { notificationRepo, readingRepo, tableRepo, threadRepo, type UserRow, type WatchLevel } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { getReadableTable } from '../spaces/tables.js';
import { readableThread } from './access.js';

/**
 * Records how far the actor has read; the mark never moves back and never passes the last post.
 * The notifications about the posts now read are read too: the thread was opened, not the bell.
 */
export async function markRead(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, threadId: number, postNumber: number) {
  const { thread } = await readableThread(deps.db, actor, threadId);
  const upTo = Math.min(postNumber, thread.last_post_number);
  const now = deps.clock.now();
  await readingRepo.markRead(deps.db, actor.id, threadId, upTo, now);
  await notificationRepo.markReadInThread(deps.db, actor.id, threadId, upTo, now);
}

export async function setBookmark(deps: Pick<Deps, 'db'>, actor: Actor, threadId: number, on: boolean) {
  await readableThread(deps.db, actor, threadId);
  await readingRepo.setBookmark(deps.db, actor.id, threadId, on);
}

export async function setThreadSubscription(deps: Pick<Deps, 'db'>, actor: Actor, threadId: number, level: WatchLevel) {
  await readableThread(deps.db, actor, threadId);
  await readingRepo.setThreadLevel(deps.db, actor.id, threadId, level);
}

export async function setTableSubscription(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number, level: WatchLevel) {
  await getReadableTable(deps, actor, tableId);
  await readingRepo.setTableLevel(deps.db, actor.id, tableId, level);
}

export async function setFocusAreaSubscription(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  focusArea: string,
  level: WatchLevel,
) {
  await readingRepo.setFocusAreaLevel(deps.db, actor.id, focusArea, level);
}

/** Visible tables with how many threads in each have something the actor has not read. */
export async function listTablesWithUnread(deps: Pick<Deps, 'db'>, actor: UserRow) {
  const [tables, unread] = await Promise.all([
    tableRepo.listVisible(deps.db, actor),
    threadRepo.unreadByTable(deps.db, { id: actor.id, role: actor.role, joinedAt: actor.created_at }),
  ]);
  return tables.map((t) => ({ ...t, unread_threads: unread.get(t.id) ?? 0 }));
}

const STAMP_EVERY_MS = 5 * 60 * 1000;
const NEW_VISIT_AFTER_MS = 30 * 60 * 1000;

/**
 * Half an hour away starts a new visit, and the end of the previous one becomes what "new
 * since your last visit" compares against. At most one write every five minutes per person.
 * Returns the user as it now stands, so the current request already sees the new mark.
 */
export async function noteActivity(deps: Pick<Deps, 'db' | 'clock'>, user: UserRow): Promise<UserRow> {
  const now = deps.clock.now();
  const away = user.last_seen_at ? now.getTime() - user.last_seen_at.getTime() : Number.POSITIVE_INFINITY;
  if (away < STAMP_EVERY_MS) return user;
  const newVisit = away >= NEW_VISIT_AFTER_MS;
  await readingRepo.recordActivity(deps.db, user.id, now, newVisit);
  return { ...user, last_seen_at: now, previous_visit_at: newVisit ? user.last_seen_at : user.previous_visit_at };
}

/** The actor's own watch levels for tables and focus areas ('normal' where none was chosen). */
export async function ownWatchLevels(deps: Pick<Deps, 'db'>, actor: Actor) {
  const levels = await readingRepo.levelsOf(deps.db, actor.id);
  const tables = new Map(levels.tables.map((row) => [row.table_id, row.level]));
  const areas = new Map(levels.focusAreas.map((row) => [row.focus_area, row.level]));
  return {
    table: (id: number): WatchLevel => tables.get(id) ?? 'normal',
    focusArea: (slug: string): WatchLevel => areas.get(slug) ?? 'normal',
  };
}
