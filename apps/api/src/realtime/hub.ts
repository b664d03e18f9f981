import type { WebSocket } from 'ws';
import type { LiveEvent } from './sequencer.js';

export const LIMITS = {
  /** Largest frame a client may send. */
  maxPayload: 16 * 1024,
  roomsPerSocket: 100,
  /** Bytes queued for one socket before it counts as too slow and is dropped. */
  maxBufferedBytes: 1024 * 1024,
};

/** One connected client: what it listens to and what it has already been sent. */
export class Client {
  readonly rooms = new Set<string>();
  alive = true;
  /** While missed events are replayed or rooms re-checked, live ones wait here so order is kept. */
  private queue: LiveEvent[] | undefined;
  private holds = 0;
  private readonly sent = new Set<number>();
  private readonly sentOrder: number[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly userId: number,
    private readonly maxBufferedBytes = LIMITS.maxBufferedBytes,
  ) {}

  send(message: unknown): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    // ws queues without blocking; a client that stops reading grows this buffer, and is cut
    // off rather than allowed to hold memory or slow anyone else.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(message));
  }

  /** Sends an event once, whichever of this client's rooms it arrived through. */
  sendEvent(event: LiveEvent, replayed = false): void {
    if (this.queue && !replayed) {
      this.queue.push(event);
      return;
    }
    if (this.sent.has(event.id)) return;
    const room = event.rooms.find((r) => this.rooms.has(r));
    if (!room) return;
    this.remember(event.id);
    this.send({ type: 'event', id: event.id, room, name: event.name, data: event.data });
  }

  /** Live events wait until every hold is released; each is then sent if its room is still ours. */
  hold(): void {
    this.holds++;
    this.queue ??= [];
  }

  release(): void {
    if (--this.holds > 0) return;
    const queued = this.queue ?? [];
    this.queue = undefined;
    for (const event of queued) this.sendEvent(event);
  }

  private remember(id: number): void {
    this.sent.add(id);
    this.sentOrder.push(id);
    if (this.sentOrder.length > 5_000) this.sent.delete(this.sentOrder.shift() as number);
  }
}

/** Which local clients listen to which room. */
export class Hub {
  private readonly byRoom = new Map<string, Set<Client>>();
  readonly clients = new Set<Client>();

  membersOf(room: string): Client[] {
    return [...(this.byRoom.get(room) ?? [])];
  }

  clientsOf(userId: number): Client[] {
    return [...this.clients].filter((client) => client.userId === userId);
  }

  add(client: Client): void {
    this.clients.add(client);
  }

  remove(client: Client): void {
    this.clients.delete(client);
    for (const room of client.rooms) this.leave(client, room);
  }

  join(client: Client, room: string): void {
    client.rooms.add(room);
    const members = this.byRoom.get(room) ?? new Set<Client>();
    this.byRoom.set(room, members);
    members.add(client);
  }

  leave(client: Client, room: string): void {
    client.rooms.delete(room);
    const members = this.byRoom.get(room);
    members?.delete(client);
    if (members?.size === 0) this.byRoom.delete(room);
  }

  dispatch(event: LiveEvent): void {
    const targets = new Set<Client>();
    for (const room of event.rooms) for (const client of this.byRoom.get(room) ?? []) targets.add(client);
    for (const client of targets) client.sendEvent(event);
  }
}
