import type { Config } from '@hubspoke/config';
import type { Clock } from '@hubspoke/domain';
import { webPlugin } from '@hubspoke/web';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { uploadParsing } from './multipart-form.js';
import auth from './plugins/auth.js';
import docs from './plugins/docs.js';
import errors from './plugins/errors.js';
import infra from './plugins/infra.js';
import queueBoard from './plugins/queue-board.js';
import realtime, { type RealtimeOptions } from './plugins/realtime.js';
import adminRoutes from './routes/admin.js';
import authRoutes from './routes/auth.js';
import consentRoutes from './routes/consents.js';
import conversationRoutes from './routes/conversations.js';
import cvRoutes from './routes/cv.js';
import documentRoutes from './routes/documents.js';
import draftRoutes from './routes/drafts.js';
import experienceRoutes from './routes/experiences.js';
import healthRoutes from './routes/health.js';
import meRoutes from './routes/me.js';
import moderationRoutes from './routes/moderation.js';
import notificationRoutes from './routes/notifications.js';
import pathRoutes from './routes/path.js';
import personalDataRoutes from './routes/personal-data.js';
import postRoutes from './routes/posts.js';
import programmeRoutes from './routes/programme.js';
import searchRoutes from './routes/search.js';
import spaceRoutes from './routes/spaces.js';
import surveyRoutes from './routes/surveys.js';
import threadRoutes from './routes/threads.js';
import tutoringRoutes from './routes/tutoring.js';
import uploadRoutes from './routes/uploads.js';

export interface BuildOptions {
  /** Tests pass a fixed clock; production uses the system clock. */
  clock?: Clock;
  realtime?: RealtimeOptions;
  /** Where the log goes (tests read it); stdout when left out. */
  logStream?: { write(line: string): void };
  /** Set when this process runs the worker (`--with-worker`): /readyz then requires it alive. */
  workerAlive?: () => boolean;
}

/** Query parameters whose values are secrets (`/ws?token=…`, signed links) and never logged. */
const SECRET_PARAMS = /^(token|access_token|refresh_token|api_?key|key|secret|password|code|signature|sig|auth)$/i;
/** Paths that carry a one-time token as their last segment. */
const SECRET_PATHS = /^(\/(?:email\/unsubscribe|password\/nuova|invito|profilo\/dati|api\/me\/export)\/)[^/?#]+/;

/** The URL as logged: secret query values and path tokens replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = (queryAt < 0 ? url : url.slice(0, queryAt)).replace(SECRET_PATHS, '$1[redacted]');
  if (queryAt < 0) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const [name = '', ...value] = pair.split('=');
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {}
      return value.length > 0 && SECRET_PARAMS.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Fastify's default request fields, with the URL redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The whole server, as `npm start` and the tests build it. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
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
  await app.register(healthRoutes, options.workerAlive ? { workerAlive: options.workerAlive } : {});
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(personalDataRoutes, { prefix: '/api/me' });
  await app.register(spaceRoutes, { prefix: '/api' });
  await app.register(adminRoutes, { prefix: '/api' });
  await app.register(threadRoutes, { prefix: '/api' });
  await app.register(postRoutes, { prefix: '/api' });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(moderationRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });
  await app.register(tutoringRoutes, { prefix: '/api' });
  await app.register(documentRoutes, { prefix: '/api' });
  await app.register(consentRoutes, { prefix: '/api' });
  await app.register(surveyRoutes, { prefix: '/api' });
  await app.register(programmeRoutes, { prefix: '/api' });
  await app.register(pathRoutes, { prefix: '/api' });
  await app.register(experienceRoutes, { prefix: '/api' });
  await app.register(draftRoutes, { prefix: '/api' });
  await app.register(conversationRoutes, { prefix: '/api' });
  await app.register(uploadRoutes, { prefix: '/api' });
  await app.register(cvRoutes, { prefix: '/api' });
  await app.register(queueBoard);
  await app.register(webPlugin, { deps: app.deps, uploads: uploadParsing(config.uploads.maxBytes) });
  return app;
}
