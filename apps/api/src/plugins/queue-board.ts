import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AppError } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';

const BASE = '/admin/queues';

/** bull-board at /admin/queues, for admins only: jobs waiting, failed (kept), retried. */
const queueBoard: FastifyPluginAsync = async (app) => {
  const queue = app.backend.createQueue();
  queue.on('error', (error) => app.log.warn({ err: error }, 'queue board'));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BASE);
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter });

  app.addHook('onRequest', async (request) => {
    if (!request.user) throw new AppError(401, 'unauthenticated', 'Sign in first');
    if (request.user.role !== 'admin') throw new AppError(403, 'forbidden', 'Only admins see the job queues');
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BASE });
  app.addHook('onClose', async () => {
    await queue.close();
  });
};

export default queueBoard;
