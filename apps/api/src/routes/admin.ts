import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { changeRole, invite, listUsers, userToDto } from '@hubspoke/domain';
import { requireUser } from '../plugins/auth.js';
import { Email, errors, Id, IdParams, Nullable, RoleSchema, UserSchema } from '../schemas.js';

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
    '/users',
    {
      schema: {
        tags: ['admin'],
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
        }),
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
};

export default adminRoutes;
