import { eventRepo, type UserRow } from '@hubspoke/db';
import { authorizeRoom, type Deps } from '@hubspoke/domain';
import { type Client, type Hub, LIMITS } from './hub.js';
import type { Sequencer } from './sequencer.js';

/** Events are kept (and replayed) for a week. */
const REPLAY_WINDOW_MS = 7 * 86_400_000;
const REPLAY_PAGE = 500;

interface Context {
  deps: Deps;
  hub: Hub;
  sequencer: Sequencer;
  client: Client;
  user: UserRow;
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
    for (const room of message.rooms) hub.leave(client, room === 'user:me' ? `user:${ctx.user.id}` : room);
    return client.send({ type: 'unsubscribed', rooms: message.rooms });
  }

  const allowed: string[] = [];
  for (const room of new Set(message.rooms)) {
    const canonical = await authorizeRoom(ctx.deps, ctx.user, room);
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
  if (message.lastEventId !== undefined) client.startReplay();
  for (const room of allowed) hub.join(client, room);
  client.send({ type: 'subscribed', rooms: allowed });
  if (message.lastEventId === undefined) return;
  try {
    await replay(ctx, allowed, message.lastEventId);
  } finally {
    client.finishReplay();
  }
}

/** Everything in these rooms after `lastEventId` up to what the sequencer has delivered live. */
async function replay(ctx: Context, rooms: string[], lastEventId: number): Promise<void> {
  const upTo = ctx.sequencer.watermark;
  const since = new Date(Date.now() - REPLAY_WINDOW_MS);
  let after = lastEventId;
  for (;;) {
    const rows = await eventRepo.listForRooms(ctx.deps.db, rooms, after, upTo, since, REPLAY_PAGE);
    for (const row of rows)
      ctx.client.sendEvent({ id: row.id, name: row.name, rooms: row.rooms, data: row.data }, true);
    if (rows.length < REPLAY_PAGE) return;
    after = rows.at(-1)?.id ?? upTo;
  }
}
