import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Session } from './context.js';

export interface LiveMessage {
  type: string;
  id?: number;
  room?: string;
  name?: string;
  code?: string;
  rooms?: string[];
  data?: any;
}

/** A real websocket client that records every message it receives. */
export class LiveClient {
  readonly messages: LiveMessage[] = [];
  closed: { code: number } | undefined;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => this.messages.push(JSON.parse(raw.toString())));
    socket.on('close', (code) => {
      this.closed = { code };
    });
  }

  static connect(
    url: string,
    options: { session?: Session; origin?: string; token?: string; autoPong?: boolean } = {},
  ): Promise<LiveClient> {
    const target = options.token ? `${url}?token=${options.token}` : url;
    const socket = new WebSocket(target, {
      headers: {
        ...(options.session ? { cookie: options.session.cookie } : {}),
        ...(options.origin ? { origin: options.origin } : {}),
      },
      autoPong: options.autoPong ?? true,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new LiveClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async subscribe(rooms: string[], lastEventId?: number): Promise<LiveMessage[]> {
    const before = this.messages.length;
    this.send({ type: 'subscribe', rooms, ...(lastEventId !== undefined ? { lastEventId } : {}) });
    await this.waitFor((m) => m.type === 'subscribed' || m.type === 'error', before);
    return this.messages.slice(before);
  }

  events(name?: string): LiveMessage[] {
    return this.messages.filter((m) => m.type === 'event' && (name === undefined || m.name === name));
  }

  /** Waits until a message after index `from` matches. */
  async waitFor(match: (m: LiveMessage) => boolean, from = 0, timeoutMs = 5_000): Promise<LiveMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no matching message; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** Listens on a free local port and returns the websocket URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return `${address.replace('http', 'ws')}/ws`;
}
