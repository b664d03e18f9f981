import { notificationRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { notificationToDto } from './dto.js';

const isBefore = (v: any): v is { before: number } => Number.isSafeInteger(v?.before);

/** The actor's notifications, newest first, with the unread count. */
export async function listNotifications(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  page: { cursor?: string; limit?: number; unreadOnly?: boolean },
) {
  const limit = pageSize(page.limit);
  const cursor = decodeCursor(page.cursor, isBefore);
  const [rows, unread] = await Promise.all([
    notificationRepo.list(deps.db, actor.id, {
      limit: limit + 1,
      ...(cursor ? { beforeId: cursor.before } : {}),
      ...(page.unreadOnly ? { unreadOnly: true } : {}),
    }),
    notificationRepo.unreadCount(deps.db, actor.id),
  ]);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(notificationToDto),
    nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
    unread,
  };
}

/** Marks some (only the actor's own) or all notifications read; returns the new unread count. */
export async function markNotificationsRead(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, which: number[] | 'all') {
  await notificationRepo.markRead(deps.db, actor.id, which, deps.clock.now());
  return { unread: await notificationRepo.unreadCount(deps.db, actor.id) };
}
