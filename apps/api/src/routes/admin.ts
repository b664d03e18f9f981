import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  changeRole,
  eraseAccount,
  invite,
  listInvitations,
  listUsers,
  revokeInvitation,
  setAccountActive,
  userToDto,
} from '@hubspoke/domain';
import { requireUser } from '../plugins/auth.js';
import { Email, errors, Id, IdParams, literals, Nullable, RoleSchema, UserSchema } from '../schemas.js';

const PageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.post(
    '/invitations',
    {
      schema: {
        tags: ['admin'],
        body: Type.Object(
          {
            email: Email,
            role: RoleSchema,
            enteId: Type.Optional(Nullable(Id)),
            tableIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            invitation: Type.Object({
              id: Type.Integer(),
              email: Type.String(),
              role: RoleSchema,
              expiresAt: Type.String({ format: 'date-time' }),
            }),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const invitation = await invite(deps, requireUser(request), request.body);
      return reply.status(201).send({
        invitation: {
          id: invitation.id,
          email: invitation.email,
          role: invitation.role,
          expiresAt: invitation.expiresAt.toISOString(),
        },
      });
    },
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags: ['admin'],
        querystring: PageQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                email: Type.String(),
                role: RoleSchema,
                ente: Nullable(Type.String()),
                invitedBy: Nullable(Type.String()),
                createdAt: Type.String({ format: 'date-time' }),
                expiresAt: Type.String({ format: 'date-time' }),
                status: literals(['pending', 'accepted', 'expired', 'revoked']),
              }),
            ),
            nextCursor: Nullable(Type.String()),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => listInvitations(deps, requireUser(request), request.query),
  );

  app.delete(
    '/invitations/:id',
    {
      schema: {
        tags: ['admin'],
        description: 'Takes a pending invitation back: its link stops working.',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        querystring: PageQuery,
        response: {
          200: Type.Object({ items: Type.Array(UserSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const page = await listUsers(deps, requireUser(request), request.query);
      return { items: page.items.map(userToDto), nextCursor: page.nextCursor };
    },
  );

  app.put(
    '/users/:id/role',
    {
      schema: {
        tags: ['admin'],
        params: IdParams,
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: { 200: Type.Object({ user: UserSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      user: userToDto(await changeRole(deps, requireUser(request), request.params.id, request.body.role)),
    }),
  );

  for (const [path, active] of [
    ['/admin/users/:id/deactivate', false],
    ['/admin/users/:id/reactivate', true],
  ] as const) {
    app.post(
      path,
      {
        schema: {
          tags: ['admin'],
          description: active
            ? 'Lets a deactivated person sign in again.'
            : 'The person can no longer sign in; their sessions and tokens end; their content stays.',
          params: IdParams,
          response: { 200: Type.Object({ user: UserSchema }), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) => ({
        user: userToDto(await setAccountActive(deps, requireUser(request), request.params.id, active)),
      }),
    );
  }

  app.delete(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        description:
          'Erases someone else’s account, as `DELETE /api/me` does for one’s own (`?deletePosts=true` removes their posts too); recorded in the audit log.',
        params: IdParams,
        querystring: Type.Object({ deletePosts: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 202: Type.Object({ erased: Type.Literal(true) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await eraseAccount(deps, requireUser(request), request.params.id, request.query);
      return reply.status(202).send({ erased: true });
    },
  );
};

export default adminRoutes;
