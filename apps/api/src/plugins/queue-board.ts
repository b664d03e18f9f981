import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { applySecurityHeaders, toolCspDirectives } from '@hubspoke/web';
import type { FastifyPluginAsync } from 'fastify';

const BASE = '/admin/queues';

/** bull-board at /admin/queues, for admins only: jobs waiting, failed (kept), retried. */
const queueBoard: FastifyPluginAsync = async (app) => {
  const queue = app.backend.createQueue();
  queue.on('error', (error) => app.log.warn({ err: error }, 'queue board'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter });

  const directives = toolCspDirectives(app.config.secureCookies);
  app.addHook('onRequest', async (_request, reply) => {
    applySecurityHeaders(reply, directives);
  });
  // Answered here, not thrown: bull-board's own error handler would turn a thrown refusal into a 500.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.user) {
      return reply.code(401).send({ error: { code: 'unauthenticated', message: 'Sign in first' } });
    }
    if (request.user.role !== 'admin') {
      return reply.code(403).send({ error: { code: 'forbidden', message: 'Only admins see the job queues' } });
    }
  });
  // bull-board's page asks Google for its fonts: the policy would refuse them anyway, and the
  // admin's browser should not tell a third party who opens this page. The system fonts do.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      return payload;
    }
    return payload.replace(/<link[^>]+fonts\.(?:googleapis|gstatic)\.com[^>]*>/g, '');
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE });
  app.addHook('onClose', async () => {
    await queue.close();
  });
};

export default queueBoard;
