import type { Config } from '@hubspoke/config';
import type { Clock } from '@hubspoke/domain';
import { webPlugin } from '@hubspoke/web';
import Fastify, { type FastifyInstance } from 'fastify';
import { uploadParsing } from './multipart-form.js';
import auth from './plugins/auth.js';
import docs from './plugins/docs.js';
import errors from './plugins/errors.js';
import infra from './plugins/infra.js';
import queueBoard from './plugins/queue-board.js';
import realtime, { type RealtimeOptions } from './plugins/realtime.js';
import adminRoutes from './routes/admin.js';
import authRoutes from './routes/auth.js';
import documentRoutes from './routes/documents.js';
import healthRoutes from './routes/health.js';
import meRoutes from './routes/me.js';
import moderationRoutes from './routes/moderation.js';
import notificationRoutes from './routes/notifications.js';
import postRoutes from './routes/posts.js';
import searchRoutes from './routes/search.js';
import spaceRoutes from './routes/spaces.js';
import threadRoutes from './routes/threads.js';
import tutoringRoutes from './routes/tutoring.js';
import unsubscribeRoutes from './routes/unsubscribe.js';

export interface BuildOptions {
  /** Tests pass a fixed clock; production uses the system clock. */
  clock?: Clock;
  realtime?: RealtimeOptions;
}

/** The whole server, as `npm start` and the tests build it. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errors);
  await app.register(infra, { config, ...(options.clock ? { clock: options.clock } : {}) });
  await app.register(docs);
  await app.register(auth);
  await app.register(realtime, options.realtime ?? {});
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(spaceRoutes, { prefix: '/api' });
  await app.register(adminRoutes, { prefix: '/api' });
  await app.register(threadRoutes, { prefix: '/api' });
  await app.register(postRoutes, { prefix: '/api' });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(moderationRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });
  await app.register(tutoringRoutes, { prefix: '/api' });
  await app.register(documentRoutes, { prefix: '/api' });
  await app.register(unsubscribeRoutes);
  await app.register(queueBoard);
  await app.register(webPlugin, { deps: app.deps, uploads: uploadParsing(config.uploads.maxBytes) });
  return app;
}
