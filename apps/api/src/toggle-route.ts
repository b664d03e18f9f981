import { Type } from '@fastify/type-provider-typebox';
import type { UserRow } from '@hubspoke/db';
import type { FastifyInstance } from 'fastify';
import { requireUser } from './plugins/auth.js';
import { errors, IdParams } from './schemas.js';

/**
 * PUT turns something on for the caller, DELETE turns it off (a bookmark, following a
 * document): both answer 204, and doing it twice is harmless.
 */
export function toggleRoute(
  app: FastifyInstance,
  url: string,
  tag: string,
  set: (user: UserRow, id: number, on: boolean) => Promise<void>,
): void {
  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route<{ Params: { id: number } }>({
      method,
      url,
      schema: { tags: [tag], params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 404) } },
      handler: async (request, reply) => {
        await set(requireUser(request), request.params.id, on);
        return reply.status(204).send(null);
      },
    });
  }
}
