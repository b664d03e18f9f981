import { notificationRepo, userRepo } from '@hubspoke/db';
import { mayListenToConversation } from '../conversations/conversations.js';
import { readableThread } from '../forum/access.js';
import type { Actor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { rooms } from '../shared/events.js';
import { getReadableTable } from '../spaces/tables.js';

const FOCUS_AREAS = new Set(['cultura', 'innovazione']);

/**
 * The person behind a live connection as they are now: a role changed since the connection
 * opened counts from now on. Undefined once the account is gone.
 */
export const liveListener = (deps: Pick<Deps, 'db'>, userId: number) => userRepo.findById(deps.db, userId);

/**
 * Checks that the actor may listen to a room, with the same rules as reading it, and returns
 * its canonical name (`user:me` becomes `user:<id>`). Undefined means refused.
 */
export async function authorizeRoom(deps: Pick<Deps, 'db'>, actor: Actor, room: string): Promise<string | undefined> {
  if (room === 'user:me') return rooms.user(actor.id);
  const match = /^(thread|table|focus|conversation):([a-z0-9_]{1,40})$/.exec(room);
  if (!match) return undefined;
  const [, kind, key = ''] = match;
  try {
    if (kind === 'focus') return FOCUS_AREAS.has(key) ? room : undefined;
    const id = Number(key);
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    if (kind === 'conversation') return (await mayListenToConversation(deps, actor, id)) ? room : undefined;
    if (kind === 'thread') await readableThread(deps.db, actor, id);
    else await getReadableTable(deps, actor, id);
    return room;
  } catch {
    return undefined;
  }
}

/** Of these people, those who may read table `tableId` (one query, whatever their number). */
export function readersOfTable(deps: Pick<Deps, 'db'>, tableId: number, userIds: readonly number[]) {
  return notificationRepo.canReadTable(deps.db, tableId, userIds);
}
