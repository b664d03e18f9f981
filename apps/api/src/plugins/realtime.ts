import websocket from '@fastify/websocket';
import { createDb } from '@hubspoke/db';
import { AppError, authenticateApiToken } from '@hubspoke/domain';
import fp from 'fastify-plugin';
import { handleMessage, recheckAfter } from '../realtime/connection.js';
import { Client, Hub, LIMITS } from '../realtime/hub.js';
import { Sequencer } from '../realtime/sequencer.js';

export interface RealtimeOptions {
  /** How often dead connections are looked for (ping, then terminate if no pong by the next round). */
  heartbeatMs?: number;
  /** Bytes queued for one socket before it counts as too slow and is dropped. */
  maxBufferedBytes?: number;
}

/** `GET /ws`: live events for the rooms a client may read, replayed from PostgreSQL on resume. */
export default fp<RealtimeOptions>(
  async (app, { heartbeatMs = 30_000, maxBufferedBytes = LIMITS.maxBufferedBytes }) => {
    const { deps, config } = app;
    const hub = new Hub();
    // Its own small pool: busy request traffic must never hold back live delivery.
    const liveDb = createDb(config.databaseUrl, { max: 2, applicationName: 'hubspoke-live' });
    const sequencer = new Sequencer(
      liveDb,
      (event) => {
        // Before dispatching: the connections to check hold their events from here on.
        recheckAfter(deps, hub, event)?.catch((error) => app.log.error({ err: error }, 'live access check'));
        hub.dispatch(event);
      },
      (error) => app.log.error({ err: error }, 'live events'),
    );
    let stopListening: (() => Promise<void>) | undefined;

    app.addHook('onReady', async () => {
      await sequencer.start();
      stopListening = await app.backend.events.listen(() => sequencer.wake());
    });
    const heartbeat = setInterval(() => {
      for (const client of hub.clients) {
        if (!client.alive) {
          client.socket.terminate();
          continue;
        }
        client.alive = false;
        client.socket.ping();
      }
    }, heartbeatMs);
    heartbeat.unref();
    app.addHook('preClose', async () => {
      clearInterval(heartbeat);
      sequencer.stop();
      await stopListening?.();
      for (const client of hub.clients) client.socket.close(1001, 'server shutting down');
    });
    app.addHook('onClose', () => liveDb.destroy());

    await app.register(websocket, { options: { maxPayload: LIMITS.maxPayload } });

    app.get(
      '/ws',
      {
        websocket: true,
        schema: { hide: true },
        // Refuse the upgrade itself when nobody is signed in, or when a cookie comes from elsewhere.
        preValidation: async (request) => {
          const token = (request.query as { token?: unknown }).token;
          if (!request.user && typeof token === 'string') {
            const user = await authenticateApiToken(deps, token);
            if (user) {
              request.user = user;
              request.authMethod = 'token';
            }
          }
          if (!request.user) throw new AppError(401, 'unauthenticated', 'Sign in first');
          if (request.authMethod === 'session' && !config.allowedOrigins.includes(request.headers.origin ?? '')) {
            throw new AppError(403, 'csrf_rejected', 'Live updates are only for the forum’s own pages');
          }
        },
      },
      (socket, request) => {
        const user = request.user;
        if (!user) return socket.close(1008);
        const client = new Client(socket, user.id, maxBufferedBytes);
        hub.add(client);
        socket.on('pong', () => {
          client.alive = true;
        });
        socket.on('message', (raw, isBinary) => {
          handleMessage({ deps, hub, sequencer, client }, isBinary ? null : raw.toString()).catch((error) =>
            request.log.error({ err: error }, 'live message'),
          );
        });
        socket.on('close', () => hub.remove(client));
        socket.on('error', () => hub.remove(client));
      },
    );
  },
  { name: 'realtime', dependencies: ['infra', 'auth'] },
);
