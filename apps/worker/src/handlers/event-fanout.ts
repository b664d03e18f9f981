import { eventRepo } from '@hubspoke/db';
import { fanOutEvent } from '@hubspoke/domain';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/** Notifications for a forum event; their live events are announced once committed. */
export const eventFanout: Handler<'event.fanout'> = async ({ db, events }, { eventId }) => {
  const event = await eventRepo.findById(db, eventId);
  if (!event) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const created = await fanOutEvent({ db }, event);
  events.publish(created);
  return { notifications: created.length };
};
