import { eventRepo, type Tx } from '@hubspoke/db';
import type { EventPublisher } from '@hubspoke/jobs';

export type { EventPublisher };

export const noPublisher: EventPublisher = { publish: () => {} };

export const rooms = {
  thread: (id: number) => `thread:${id}`,
  table: (id: number) => `table:${id}`,
  focus: (slug: string) => `focus:${slug}`,
  user: (id: number) => `user:${id}`,
  conversation: (id: number) => `conversation:${id}`,
};

/**
 * Someone's access just narrowed (left a table, lost a role): live connections re-check the
 * rooms they listen to. The event reaches the person's own room; every api instance acts on it.
 */
export const ACCESS_CHANGED = 'access.changed';

export function recordAccessChange(tx: Tx, userId: number): Promise<number> {
  return eventRepo.insert(tx, { name: ACCESS_CHANGED, rooms: [rooms.user(userId)], data: { userId } });
}
