import {
  ACCESS_CHANGED,
  authorizeRoom,
  type Deps,
  liveListener,
  missedEvents,
  readersOfTable,
  rooms,
} from '@hubspoke/domain';
import { type Client, type Hub, LIMITS } from './hub.js';
import type { LiveEvent, Sequencer } from './sequencer.js';

interface Context {
  deps: Deps;
  hub: Hub;
  sequencer: Sequencer;
  client: Client;
}

type Message = { type: 'subscribe'; rooms: string[]; lastEventId?: number } | { type: 'unsubscribe'; rooms: string[] };

function parse(text: string | null): Message | undefined {
  if (text === null) return undefined;
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const rooms = value?.rooms;
  if (!Array.isArray(rooms) || rooms.length === 0 || !rooms.every((r) => typeof r === 'string' && r.length <= 64))
    return undefined;
  if (value.type === 'unsubscribe') return { type: 'unsubscribe', rooms };
  if (value.type !== 'subscribe') return undefined;
  if (value.lastEventId !== undefined && !(Number.isSafeInteger(value.lastEventId) && value.lastEventId >= 0))
    return undefined;
  return { type: 'subscribe', rooms, ...(value.lastEventId !== undefined ? { lastEventId: value.lastEventId } : {}) };
}

export async function handleMessage(ctx: Context, text: string | null): Promise<void> {
  const message = parse(text);
  const { client, hub } = ctx;
  if (!message)
    return client.send({
      type: 'error',
      code: 'bad_message',
      message: 'Expected {"type":"subscribe"|"unsubscribe","rooms":[...]}',
    });
  if (message.type === 'unsubscribe') {
    for (const room of message.rooms) hub.leave(client, room === 'user:me' ? rooms.user(client.userId) : room);
    return client.send({ type: 'unsubscribed', rooms: message.rooms });
  }

  const user = await liveListener(ctx.deps, client.userId);
  if (!user) return client.socket.close(1008, 'account removed');
  const allowed: string[] = [];
  for (const room of new Set(message.rooms)) {
    const canonical = await authorizeRoom(ctx.deps, user, room);
    if (!canonical) client.send({ type: 'error', code: 'forbidden_room', room });
    else allowed.push(canonical);
  }
  if (client.rooms.size + allowed.filter((r) => !client.rooms.has(r)).length > LIMITS.roomsPerSocket) {
    return client.send({
      type: 'error',
      code: 'too_many_rooms',
      message: `At most ${LIMITS.roomsPerSocket} rooms per connection`,
    });
  }
  if (allowed.length === 0) return;
  // Join first so nothing committed from now on is missed; replay fills in what came before.
  if (message.lastEventId !== undefined) client.hold();
  for (const room of allowed) hub.join(client, room);
  client.send({ type: 'subscribed', rooms: allowed });
  if (message.lastEventId === undefined) return;
  try {
    await replay(ctx, allowed, message.lastEventId);
  } finally {
    client.release();
  }
}

/**
 * Connections that must check some of their rooms again because of `event`: everything a
 * person listens to after their access narrowed, and a thread's room after the thread changed
 * (it may have moved to a table its listeners cannot read). Their live events wait meanwhile,
 * this one included, so none slips through a room being taken away. Each api instance does
 * this for its own connections.
 */
export function recheckAfter(deps: Deps, hub: Hub, event: LiveEvent): Promise<void> | undefined {
  if (event.name === ACCESS_CHANGED) {
    const userId = Number(event.data.userId);
    return holding(hub.clientsOf(userId), async (clients) => {
      const user = await liveListener(deps, userId);
      for (const client of clients) {
        for (const room of [...client.rooms]) {
          if (user && (room === rooms.user(user.id) || (await authorizeRoom(deps, user, room)))) continue;
          refuse(hub, client, room);
        }
      }
    });
  }
  if (event.name === 'thread.updated') {
    // A thread's listeners may be many: who may still read its table is one query for all.
    const room = rooms.thread(Number(event.data.id));
    return holding(hub.membersOf(room), async (clients) => {
      const readers = await readersOfTable(deps, Number(event.data.tableId), [
        ...new Set(clients.map((c) => c.userId)),
      ]);
      for (const client of clients) if (!readers.has(client.userId)) refuse(hub, client, room);
    });
  }
  return undefined;
}

/** Runs `work` with the clients' live events held (from now, synchronously), then lets them go. */
async function holding(clients: Client[], work: (clients: Client[]) => Promise<void>): Promise<void> {
  if (clients.length === 0) return;
  for (const client of clients) client.hold();
  try {
    await work(clients);
  } finally {
    for (const client of clients) client.release();
  }
}

function refuse(hub: Hub, client: Client, room: string): void {
  hub.leave(client, room);
  client.send({ type: 'error', code: 'forbidden_room', room });
}

/** Everything in these rooms after `lastEventId` up to what the sequencer has delivered live. */
async function replay(ctx: Context, rooms: string[], lastEventId: number): Promise<void> {
  for await (const row of missedEvents(ctx.deps, rooms, lastEventId, ctx.sequencer.watermark))
    ctx.client.sendEvent({ id: row.id, name: row.name, rooms: row.rooms, data: row.data }, true);
}
