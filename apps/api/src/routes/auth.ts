import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  acceptInvitation,
  confirmPasswordReset,
  invalidateSession,
  login,
  requestPasswordReset,
  userToDto,
} from '@hubspoke/domain';
import { Email, errors, Password, UserSchema } from '../schemas.js';

const UserReply = Type.Object({ user: UserSchema });

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: UserReply, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await login(deps, { ...request.body, ip: request.ip });
      reply.setSessionCookie(session);
      return { user: userToDto(user) };
    },
  );

  app.post('/logout', { schema: { tags: ['auth'], response: { 204: Type.Null() } } }, async (request, reply) => {
    if (request.sessionToken) await invalidateSession(deps, request.sessionToken);
    return reply.clearSessionCookie().status(204).send();
  });

  app.post(
    '/accept-invitation',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Password,
            displayName: Type.String({ minLength: 2, maxLength: 80 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserReply, ...errors(400, 409, 410) },
      },
    },
    async (request, reply) => {
      const { user, session } = await acceptInvitation(deps, request.body);
      reply.setSessionCookie(session);
      return reply.status(201).send({ user: userToDto(user) });
    },
  );

  app.post(
    '/password-reset',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Null(), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, request.body.email, request.ip);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 410) },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(deps, request.body);
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
