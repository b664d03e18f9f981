import { eventRepo, type NewNotification, type NotificationRow, notificationRepo, type Tx } from '@hubspoke/db';
import { rooms } from '../shared/events.js';
import { notificationToDto } from './dto.js';

/**
 * Writes notifications (one per person and source event; repeats are ignored) and a live
 * `notification.created` event for each new one, in the caller's transaction.
 */
export async function notify(
  tx: Tx,
  rows: NewNotification[],
): Promise<{ eventIds: number[]; notifications: NotificationRow[] }> {
  const notifications = await notificationRepo.insertMany(tx, rows);
  const eventIds = await eventRepo.insertMany(
    tx,
    notifications.map((n) => ({
      name: 'notification.created',
      rooms: [rooms.user(n.user_id)],
      data: notificationToDto(n),
    })),
  );
  return { eventIds, notifications };
}
